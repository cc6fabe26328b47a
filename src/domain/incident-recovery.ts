import type { Incident } from './incident.ts';
import type { MonitorStatus } from './statuses.ts';

/**
 * An automatic incident a person took over is no longer resolved by Pharos; once every monitor of its components is
 * up again, the admin says so and offers to resolve it. True only then: open, automatic, taken over, with at least
 * one monitor, every one of them up.
 */
export function monitorsRecovered(
  incident: Pick<Incident, 'source' | 'takenOverBy' | 'resolvedAt' | 'componentIds'>,
  monitorsOf: ReadonlyMap<string, readonly string[]>,
  statusOf: ReadonlyMap<string, MonitorStatus>,
): boolean {
  if (incident.source !== 'auto' || !incident.takenOverBy || incident.resolvedAt !== null) return false;
  const monitors = [...new Set(incident.componentIds.flatMap((c) => monitorsOf.get(c) ?? []))];
  return monitors.length > 0 && monitors.every((m) => statusOf.get(m) === 'up');
}
