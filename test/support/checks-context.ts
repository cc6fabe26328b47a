import type { CheckContext } from '../../src/checks/check-type.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';

/** Checks in tests reach 127.0.0.1 and anything else; egress tests build their own guards. */
const permissiveEgress = createEgressPolicy({ deny_metadata: false, deny_private: false, allow: [] }).guardFor(
  'config',
);

/** A CheckContext for running a check directly in a test: a real timeout signal, the real clock, no egress limits. */
export function checkContext(overrides: Partial<CheckContext> & { timeoutMs?: number } = {}): CheckContext {
  const timeoutMs = overrides.timeoutMs ?? 2000;
  return {
    monitorId: 'test-monitor',
    signal: AbortSignal.timeout(timeoutMs),
    timeoutMs,
    intervalMs: 30_000,
    now: () => Date.now(),
    egress: permissiveEgress,
    ...overrides,
  };
}
