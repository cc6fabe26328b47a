import type { ComponentStatus, MonitorStatus } from './statuses.ts';

/**
 * A component's status from its monitors' statuses, worst first. Monitors still 'unknown' have no say,
 * so a component whose monitors have not reported yet shows operational rather than an outage.
 */
export function componentStatusOf(monitorStatuses: readonly MonitorStatus[], inMaintenance: boolean): ComponentStatus {
  if (inMaintenance) return 'under_maintenance';
  const known = monitorStatuses.filter((s) => s !== 'unknown');
  if (known.length === 0) return 'operational';
  const down = known.filter((s) => s === 'down').length;
  if (down === known.length) return 'major_outage';
  if (down > 0) return 'partial_outage';
  if (known.includes('degraded')) return 'degraded_performance';
  if (known.every((s) => s === 'maintenance')) return 'under_maintenance';
  return 'operational';
}
