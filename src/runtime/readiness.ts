import type { Bus } from '../bus/bus.ts';
import type { ReadinessCheck } from '../http/ops/health-routes.ts';
import type { Store } from '../store/store.ts';
import { answerWithin } from './answer-within.ts';
import type { ConnectivityCanary } from './connectivity-canary.ts';

/** well under the probe's own limit, so that a hung database makes /readyz a quick 503 */
const STORE_PING_TIMEOUT_MS = 1_000;

export interface ReadinessDeps {
  store: Store;
  canary?: ConnectivityCanary;
  bus?: Bus;
  draining?: () => boolean;
  /** a worker sharing monitors by lease: why its lease rounds do not do their job, or null (src/scheduler/leases/lease-health.ts) */
  leases?: () => string | null;
  /** the static copy's publisher: why it is not current, or null (never decides /readyz/serving) */
  publish?: () => string | null;
}

export function readinessChecks(deps: ReadinessDeps): ReadinessCheck[] {
  const draining = deps.draining;
  let schemaCurrent = false;
  const checks: ReadinessCheck[] = [
    {
      name: 'store',
      check: async () => {
        await answerWithin(deps.store.ping(), STORE_PING_TIMEOUT_MS, 'the store');
        return null;
      },
    },
    {
      name: 'migrations',
      check: async () => {
        // this code's migrations cannot grow while it runs: once the schema was seen current it stays so (re-reading the
        // migration table right after the database came back has been seen to misreport it as empty)
        if (schemaCurrent) return null;
        const pending = await deps.store.pendingMigrations();
        schemaCurrent = pending === 0;
        return pending === 0 ? null : `${pending} migration(s) pending`;
      },
    },
  ];
  // shutting down: the load balancer sends new requests (and reconnecting SSE clients) to another replica
  if (draining)
    checks.unshift({ name: 'draining', serving: true, check: async () => (draining() ? 'draining' : null) });
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
  const leases = deps.leases;
  // a worker that checks fewer monitors than it should, or none, says so instead of answering ready
  if (leases) checks.push({ name: 'leases', check: async () => leases() });
  const publish = deps.publish;
  if (publish) checks.push({ name: 'publish', check: async () => publish() });
  const status = deps.bus?.status?.bind(deps.bus);
  if (status) {
    checks.push({
      name: 'bus',
      // fallen back (Redis down, PostgreSQL NOTIFY up) is ready: other replicas still hear this one
      check: async () => {
        const s = status();
        return s.connected || s.fallback
          ? null
          : `${s.kind} event bus disconnected and no fallback; other replicas do not see this one's changes`;
      },
    });
  }
  return checks;
}
