import type { Incident } from './incident.ts';
import { outageSeverity, type SeverityRule } from './outage-severity.ts';
import type { ComponentStatus, IncidentImpact } from './statuses.ts';

/**
 * The impact an automatic incident has for an audience of `total` components under `rule`, replayed from its
 * updates the way the engine follows it: after each update that is not the resolution, the severity of its
 * components' statuses (outageSeverity); maintenance (none) and the resolution keep the impact it had. An incident
 * a person wrote or took over keeps the impact they gave it, as does one whose updates say nothing about statuses.
 */
export function autoIncidentImpact(incident: Incident, total: number, rule: SeverityRule): IncidentImpact {
  if (incident.source !== 'auto' || incident.takenOverBy) return incident.impact;
  const statuses = new Map<string, ComponentStatus>();
  let impact: IncidentImpact | undefined;
  for (const update of incident.updates) {
    if (update.status === 'resolved' || update.status === 'postmortem') break;
    if (update.affectedComponents.length === 0) continue;
    for (const a of update.affectedComponents) statuses.set(a.componentId, a.newStatus);
    const now = outageSeverity([...statuses.values()], total, rule).impact;
    if (now !== 'none') impact = now;
  }
  return impact ?? incident.impact;
}
