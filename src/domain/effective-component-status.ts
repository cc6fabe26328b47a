import type { Incident } from './incident.ts';
import type { ComponentStatus } from './statuses.ts';

/** Severity order among the statuses people set; under_maintenance ranks below any outage. */
const RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/**
 * What a component shows, given what its monitors say and what people said:
 * - a manual status override wins over everything until it is cleared;
 * - otherwise the worst of the monitors' status and the status each open incident written by a person
 *   (or taken over by one) gives it in its latest update that mentions it;
 * - a maintenance window's under_maintenance (already in `fromMonitors`) yields only to an incident that says worse.
 */
export function effectiveComponentStatus(
  componentId: string,
  fromMonitors: ComponentStatus,
  override: ComponentStatus | undefined,
  openIncidents: Iterable<Incident>,
): ComponentStatus {
  if (override !== undefined) return override;
  let status = fromMonitors;
  for (const incident of openIncidents) {
    if (incident.resolvedAt !== null) continue;
    if (incident.source !== 'manual' && !incident.takenOverBy) continue;
    const said = statusGivenBy(incident, componentId);
    if (said !== undefined && RANK[said] > RANK[status]) status = said;
  }
  return status;
}

/** The status the incident's latest update gives a component, if any update mentions it. */
export function statusGivenBy(incident: Incident, componentId: string): ComponentStatus | undefined {
  for (let i = incident.updates.length - 1; i >= 0; i--) {
    const hit = incident.updates[i]!.affectedComponents.find((a) => a.componentId === componentId);
    if (hit) return hit.newStatus;
  }
  return undefined;
}
