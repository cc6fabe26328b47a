import type { CheckContext } from '../../src/checks/check-type.ts';

/** A CheckContext for running a check directly in a test: a real timeout signal, the real clock. */
export function checkContext(overrides: Partial<CheckContext> & { timeoutMs?: number } = {}): CheckContext {
  const timeoutMs = overrides.timeoutMs ?? 2000;
  return {
    monitorId: 'test-monitor',
    signal: AbortSignal.timeout(timeoutMs),
    timeoutMs,
    intervalMs: 30_000,
    now: () => Date.now(),
    ...overrides,
  };
}
