import type { ComponentStatus, MonitorStatus } from './statuses.ts';

/**
 * What visitors are shown of a component: its Statuspage status, or 'unknown' ("No data yet", grey) while it has
 * monitors and none of them has reported. Statuspage's vocabulary has no such value: its JSON keeps `status`
 * (operational, the status of a component nobody has set) and says `showcase: false`.
 */
export type ShownComponentStatus = ComponentStatus | 'unknown';

/**
 * 'unknown' only when the status is what no data gives (operational) and every monitor is still unknown; any
 * other status (an outage, maintenance, what a person set) is shown as it is.
 */
export function shownComponentStatus(
  status: ComponentStatus,
  monitorStatuses: readonly MonitorStatus[],
): ShownComponentStatus {
  if (status !== 'operational' || monitorStatuses.length === 0) return status;
  return monitorStatuses.every((s) => s === 'unknown') ? 'unknown' : status;
}
