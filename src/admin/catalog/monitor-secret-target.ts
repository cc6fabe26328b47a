import { checkFor } from '../../checks/registry.ts';
import type { MonitorConfig } from '../../config/monitor-schema.ts';

/**
 * Where a monitor's secret goes (see SecretTarget), as its check type says (CheckType.secretTarget). The type is part
 * of every target: a changed type is a changed target.
 */
export function monitorSecretTarget(monitor: MonitorConfig, path: readonly string[]): string {
  return `${monitor.type} ${checkFor(monitor).secretTarget(path)}`;
}
