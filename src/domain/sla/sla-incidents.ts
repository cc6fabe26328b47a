import type { Incident } from '../incident.ts';
import type { IncidentImpact, IncidentStatus } from '../statuses.ts';

/** An incident as an SLA report lists it. */
export interface IncidentInPeriod {
  id: string;
  name: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  startedAt: number;
  /** null while still open */
  resolvedAt: number | null;
  /** from start to resolution (or to `now` while open) */
  durationMs: number;
  /** the part of that inside the period */
  inPeriodMs: number;
}

/**
 * Incidents naming any of `componentIds` that were open at some point of [from, to), oldest first.
 * An open incident runs until `now`. An incident opened and resolved at the same instant counts when that instant is in the period.
 */
export function incidentsInPeriod(
  incidents: readonly Incident[],
  componentIds: readonly string[],
  period: { from: number; to: number; now: number },
): IncidentInPeriod[] {
  const { from, to, now } = period;
  const wanted = new Set(componentIds);
  const seen = new Set<string>();
  const out: IncidentInPeriod[] = [];
  for (const i of incidents) {
    if (seen.has(i.id) || !i.componentIds.some((id) => wanted.has(id))) continue;
    const end = Math.max(i.createdAt, i.resolvedAt ?? now);
    const overlaps = i.createdAt < to && (end > from || i.createdAt >= from);
    if (!overlaps) continue;
    seen.add(i.id);
    out.push({
      id: i.id,
      name: i.name,
      impact: i.impact,
      status: i.status,
      startedAt: i.createdAt,
      resolvedAt: i.resolvedAt,
      durationMs: end - i.createdAt,
      inPeriodMs: Math.max(0, Math.min(end, to) - Math.max(i.createdAt, from)),
    });
  }
  return out.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}
