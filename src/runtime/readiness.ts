import type { ReadinessCheck } from '../http/ops/health-routes.ts';
import type { Store } from '../store/store.ts';
import type { ConnectivityCanary } from './connectivity-canary.ts';

export function readinessChecks(deps: { store: Store; canary?: ConnectivityCanary }): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    {
      name: 'store',
      check: async () => {
        await deps.store.ping();
        return null;
      },
    },
    {
      name: 'migrations',
      check: async () => {
        const pending = await deps.store.pendingMigrations();
        return pending === 0 ? null : `${pending} migration(s) pending`;
      },
    },
  ];
  const canary = deps.canary;
  if (canary) {
    checks.push({
      name: 'connectivity',
      check: async () =>
        canary.status.offline
          ? `offline since ${new Date(canary.status.since ?? 0).toISOString()}: every connectivity canary fails (${canary.status.lastErrors.join('; ')}); state changes suspended`
          : null,
    });
  }
  return checks;
}
