import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bus } from '../../src/bus/bus.ts';
import { readinessChecks } from '../../src/runtime/readiness.ts';
import type { Store } from '../../src/store/store.ts';

const fakeStore = { ping: async () => undefined, pendingMigrations: async () => 0 } as unknown as Store;
const busWith = (status: { connected: boolean; fallback: boolean } | undefined): Bus => ({
  kind: 'redis',
  publish: async () => undefined,
  subscribe: () => () => undefined,
  close: async () => undefined,
  ...(status && { status: () => ({ kind: 'redis', ...status }) }),
});
const readinessRows: [name: string, status: { connected: boolean; fallback: boolean } | undefined, ready: boolean][] = [
  ['in-process (no status)', undefined, true],
  ['connected', { connected: true, fallback: false }, true],
  ['fallen back', { connected: false, fallback: true }, true],
  ['neither', { connected: false, fallback: false }, false],
];
for (const [name, status, ready] of readinessRows) {
  test(`/readyz bus check: ${name} → ${ready ? 'ready' : 'not ready'}`, async () => {
    const checks = readinessChecks({ store: fakeStore, bus: busWith(status) });
    const bus = checks.find((c) => c.name === 'bus');
    const problem = bus ? await bus.check() : null;
    assert.equal(problem === null, ready, String(problem));
  });
}
