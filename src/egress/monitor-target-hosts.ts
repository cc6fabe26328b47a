import { parseResolverAddress } from '../checks/dns/resolver-address.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { EgressGuard } from './egress-policy.ts';
import { assertHostAllowed, type LookupAll } from './guarded-lookup.ts';

/** The hosts a monitor connects to (a DNS monitor: its explicit resolver; push monitors: none). */
export function monitorTargetHosts(monitor: MonitorConfig): string[] {
  switch (monitor.type) {
    case 'http':
      return [new URL(monitor.url).hostname];
    case 'tcp':
    case 'tls':
      return [monitor.host];
    case 'dns':
      return monitor.resolver === undefined ? [] : resolverHost(monitor.resolver);
    case 'push':
      return [];
  }
}

/** For the API: refuse a monitor whose target is denied now (EgressDeniedError); checks still judge every connect. */
export async function assertMonitorTargetsAllowed(guard: EgressGuard, monitor: MonitorConfig, resolve?: LookupAll): Promise<void> {
  for (const host of monitorTargetHosts(monitor)) await assertHostAllowed(guard, host, resolve);
}

function resolverHost(resolver: string): string[] {
  try {
    return [parseResolverAddress(resolver).host];
  } catch {
    return []; // a bad port: the check itself fails without connecting anywhere
  }
}
