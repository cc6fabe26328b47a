import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { forEachStore } from './stores.ts';

const TTL = 10_000;
const T = 1_000_000;

forEachStore('leases', (h) => {
  const leases = () => h.store.leases;
  const owners = async () => Object.fromEntries((await leases().list()).map((l) => [l.unit, l.owner]));

  test('heartbeat upserts a worker; liveWorkers lists those heard from since', async () => {
    await leases().heartbeat('w-old', T - 20_000);
    await leases().heartbeat('w-a', T - 5_000);
    await leases().heartbeat('w-a', T);
    await leases().heartbeat('w-b', T);
    assert.deepEqual(await leases().liveWorkers(T - TTL), ['w-a', 'w-b']);
    await leases().leave('w-b');
    assert.deepEqual(await leases().liveWorkers(T - TTL), ['w-a']);
  });

  test('claim takes free units only; renew extends what the owner still holds', async () => {
    assert.deepEqual(await leases().claim('A', ['c:1', 'c:2'], T, TTL), ['c:1', 'c:2']);
    assert.deepEqual(await leases().claim('B', ['c:2', 'c:3'], T + 1, TTL), ['c:3']);
    assert.deepEqual(await leases().renew('A', T + 5_000, TTL), ['c:1', 'c:2']);
    const c1 = (await leases().list()).find((l) => l.unit === 'c:1');
    assert.equal(c1?.expiresAt, T + 5_000 + TTL);
    assert.equal(c1?.acquiredAt, T);
  });

  test('an expired lease is taken over by another claimer, and its old owner no longer renews it', async () => {
    await leases().claim('A', ['x:1'], T, TTL);
    assert.deepEqual(await leases().claim('B', ['x:1'], T + TTL, TTL), [], 'still held at exactly its expiry');
    assert.deepEqual(await leases().claim('B', ['x:1'], T + TTL + 1, TTL), ['x:1']);
    assert.equal((await owners())['x:1'], 'B');
    assert.ok(!(await leases().renew('A', T + TTL + 2, TTL)).includes('x:1'));
  });

  test('an owner that did not renew in time keeps its lease while nobody took it; held lists what names it', async () => {
    await leases().claim('late', ['y:1', 'y:2', 'y:3'], T, TTL);
    await leases().release('late', ['y:3']);
    assert.deepEqual(await leases().held('late', ['y:1', 'y:2', 'y:3', 'y:4']), ['y:1', 'y:2']);
    assert.deepEqual(await leases().held('late', ['y:2']), ['y:2'], 'only the units asked about');
    assert.deepEqual(await leases().held('late', []), []);
    assert.deepEqual(await leases().claim('other', ['y:2'], T + TTL + 1, TTL), ['y:2']);
    assert.deepEqual(await leases().held('late', ['y:1', 'y:2', 'y:3']), ['y:1']);
    assert.deepEqual(
      await leases().renew('late', T + TTL + 2, TTL),
      ['y:1'],
      'expired, unclaimed y:1 renewed; released y:3 not',
    );
    assert.equal((await leases().list()).find((l) => l.unit === 'y:1')?.expiresAt, T + TTL + 2 + TTL);
  });

  test('release frees units at once (only the owner can release); leave releases everything', async () => {
    await leases().claim('R', ['r:1', 'r:2', 'r:3'], T, TTL);
    await leases().release('other', ['r:1']);
    assert.deepEqual(await leases().claim('S', ['r:1'], T + 1, TTL), []);
    await leases().release('R', ['r:1']);
    assert.deepEqual(await leases().renew('R', T + 2, TTL), ['r:2', 'r:3']);
    assert.deepEqual(await leases().claim('S', ['r:1'], T + 3, TTL), ['r:1']);
    await leases().heartbeat('R', T);
    await leases().leave('R');
    assert.deepEqual(await leases().claim('S', ['r:2', 'r:3'], T + 4, TTL), ['r:2', 'r:3']);
  });

  test('concurrent claimers never own the same unit', async () => {
    const units = Array.from({ length: 40 }, (_, i) => `k:${i}`);
    // separate connections (pools) so that the claims really run at once on PostgreSQL
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        openStore(h.url, { logger: { info: () => undefined, warn: () => undefined, error: () => undefined } }),
      ),
    );
    try {
      for (let round = 0; round < 3; round++) {
        const now = T + round * (TTL + 1);
        const won = await Promise.all(
          stores.map((s, i) =>
            s.leases.claim(
              `K${i}`,
              [...units].sort(() => (i % 2 ? 1 : -1)),
              now,
              TTL,
            ),
          ),
        );
        const all = won.flat();
        assert.equal(all.length, units.length, `round ${round}: every unit claimed exactly once`);
        assert.equal(new Set(all).size, units.length);
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
