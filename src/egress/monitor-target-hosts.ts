import { checkFor } from '../checks/registry.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { EgressGuard } from './egress-policy.ts';
import { assertHostAllowed, type LookupAll } from './guarded-lookup.ts';

/** The hosts a monitor connects to (a DNS monitor: its explicit resolver; push monitors: none). */
export function monitorTargetHosts(monitor: MonitorConfig): string[] {
  const host = checkFor(monitor).target()?.host;
  return host === undefined ? [] : [host];
}

/** For the API: refuse a monitor whose target is denied now (EgressDeniedError); checks still judge every connect. */
export async function assertMonitorTargetsAllowed(
  guard: EgressGuard,
  monitor: MonitorConfig,
  resolve?: LookupAll,
): Promise<void> {
  for (const host of monitorTargetHosts(monitor)) await assertHostAllowed(guard, host, resolve);
}
