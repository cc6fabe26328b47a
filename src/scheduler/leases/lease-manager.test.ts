import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LeaseStore } from '../../store/leases/lease-store.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { LeaseManager, type LeaseChange } from './lease-manager.ts';

const TTL = 3_000;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('LeaseManager (SQLite store, fake clock)', () => {
  let dir: string;
  let store: Store;
  let unitCounter = 0;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-leases-'));
    store = await openStore(`sqlite:${join(dir, 'pharos.db')}`, { logger: quiet });
    await store.migrate();
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** a fresh set of units per test: the tests share one database */
  function unitsOf(n: number): string[] {
    unitCounter += 1;
    return Array.from({ length: n }, (_, i) => `c:t${unitCounter}-${i}`);
  }

  function worker(id: string, units: string[], clock: { t: number }, leaseStore: LeaseStore = store.leases) {
    const changes: LeaseChange[] = [];
    const takeovers: number[] = [];
    const manager = new LeaseManager({
      store: leaseStore,
      workerId: id,
      now: () => clock.t,
      ttlMs: TTL,
      units: () => units,
      onChange: async (c) => void changes.push(c),
      onTakeover: (units) => void takeovers.push(units.length),
    });
    return { manager, changes, takeovers };
  }

  async function assertDisjoint(managers: LeaseManager[], units: string[]): Promise<void> {
    const seen = new Map<string, number>();
    for (const m of managers) for (const u of m.units) seen.set(u, (seen.get(u) ?? 0) + 1);
    for (const [u, n] of seen) assert.equal(n, 1, `${u} owned by ${n} workers`);
    const rows = (await store.leases.list()).filter((l) => units.includes(l.unit));
    for (const m of managers)
      for (const u of m.units)
        assert.ok(
          rows.some((r) => r.unit === u),
          `${u} has a lease row`,
        );
  }

  test('a lone worker takes every unit in its first round and reports them added', async () => {
    const clock = { t: 1_000_000 };
    const units = unitsOf(9);
    const a = worker('solo', units, clock);
    await a.manager.round();
    assert.deepEqual([...a.manager.units].sort(), [...units].sort());
    assert.deepEqual(a.changes.flatMap((c) => c.added).sort(), [...units].sort());
    await a.manager.leave();
  });

  test('new workers get a fair share: the busy one releases a few per round, the others claim them', async () => {
    const clock = { t: 2_000_000 };
    const units = unitsOf(9);
    const ws = ['fa', 'fb', 'fc'].map((id) => worker(id, units, clock));
    const first = ws[0] as (typeof ws)[number];
    await first.manager.round();
    assert.equal(first.manager.units.size, 9);
    let rounds = 0;
    while (rounds < 20 && ws.some((w) => w.manager.units.size !== 3)) {
      clock.t += TTL / 3;
      for (const w of ws) await w.manager.round();
      await assertDisjoint(
        ws.map((w) => w.manager),
        units,
      );
      // a rebalance in progress is no reason to leave the load balancer
      for (const w of ws) assert.equal(w.manager.health.problem(clock.t), null);
      rounds += 1;
    }
    assert.deepEqual(
      ws.map((w) => w.manager.units.size),
      [3, 3, 3],
    );
    assert.ok(rounds <= 6, `balanced after ${rounds} rounds`);
    // the first worker never dropped more than a few at once
    assert.ok(first.changes.every((c) => c.removed.length <= 3));
    for (const w of ws) await w.manager.leave();
  });

  test('ramp-up: a worker claims at most its share of free units per round', async () => {
    const clock = { t: 3_000_000 };
    const units = unitsOf(30);
    await store.leases.heartbeat('ramp-other-1', clock.t);
    await store.leases.heartbeat('ramp-other-2', clock.t);
    const a = worker('ramp', units, clock);
    await a.manager.round();
    assert.equal(a.manager.units.size, 10);
    await a.manager.leave();
    await store.leases.leave('ramp-other-1');
    await store.leases.leave('ramp-other-2');
  });

  test('a worker that stops heart-beating has its units taken over within 2 × TTL', async () => {
    const clock = { t: 4_000_000 };
    const units = unitsOf(9);
    const ws = ['ta', 'tb', 'tc'].map((id) => worker(id, units, clock)) as [
      ReturnType<typeof worker>,
      ReturnType<typeof worker>,
      ReturnType<typeof worker>,
    ];
    for (let i = 0; i < 20 && ws.some((w) => w.manager.units.size !== 3); i++) {
      clock.t += TTL / 3;
      for (const w of ws) await w.manager.round();
    }
    const [a, b, dead] = ws;
    const orphans = [...dead.manager.units];
    const crashedAt = clock.t;
    while (orphans.some((u) => !a.manager.units.has(u) && !b.manager.units.has(u))) {
      clock.t += TTL / 3;
      assert.ok(clock.t - crashedAt <= 2 * TTL, 'taken over within 2 × TTL');
      await a.manager.round();
      await b.manager.round();
      await assertDisjoint([a.manager, b.manager], units);
    }
    assert.equal(a.manager.units.size + b.manager.units.size, 9);
    assert.ok(clock.t - crashedAt > TTL, 'not before the lease expired');
    assert.equal(
      [...a.takeovers, ...b.takeovers].reduce((x, y) => x + y, 0),
      3,
    );
    // the dead worker, back, learns that it lost them
    await dead.manager.round();
    assert.deepEqual(dead.changes.at(-1)?.removed.sort(), [...orphans].sort());
    for (const w of ws) await w.manager.leave();
  });

  test('a removal is reported before it is written, so state can be flushed first', async () => {
    const clock = { t: 5_000_000 };
    const units = unitsOf(4);
    const seenOwner: string[] = [];
    const a = new LeaseManager({
      store: store.leases,
      workerId: 'flush-a',
      now: () => clock.t,
      ttlMs: TTL,
      units: () => units,
      onChange: async (c) => {
        for (const u of c.removed)
          seenOwner.push(
            (await store.leases.list()).find((l) => l.unit === u && l.expiresAt > clock.t)?.owner ?? 'none',
          );
      },
    });
    await a.round();
    await store.leases.heartbeat('flush-b', clock.t);
    clock.t += 1;
    await a.round();
    assert.ok(seenOwner.length > 0);
    assert.ok(seenOwner.every((o) => o === 'flush-a'));
    await a.leave();
    await store.leases.leave('flush-b');
  });

  test('units gone from the catalog are dropped and released', async () => {
    const clock = { t: 6_000_000 };
    const units = unitsOf(3);
    const a = worker('shrink', units, clock);
    await a.manager.round();
    const gone = units.pop() as string;
    clock.t += 1;
    await a.manager.round();
    assert.ok(!a.manager.units.has(gone));
    assert.ok(a.changes.some((c) => c.removed.includes(gone)));
    assert.equal((await store.leases.list()).find((l) => l.unit === gone)?.expiresAt, 0);
    await a.manager.leave();
  });

  function failingWhen(down: (method: string) => boolean, message = 'store down'): LeaseStore {
    return new Proxy(store.leases, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          down(String(key))
            ? Promise.reject(new Error(message))
            : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
  }

  test('lease rounds that keep failing make the worker not ready, naming the error; a round that succeeds makes it ready', async () => {
    const clock = { t: 8_000_000 };
    const units = unitsOf(3);
    let failing = true;
    const errors: number[] = [];
    // the claim fails, as it did with one INSERT for every unit: heartbeat and renewal work
    const manager = new LeaseManager({
      store: failingWhen((method) => failing && method === 'claim', 'too many SQL variables'),
      workerId: 'claim-fails',
      now: () => clock.t,
      ttlMs: TTL,
      units: () => units,
      onChange: async () => undefined,
      onError: (_err, consecutive) => void errors.push(consecutive),
    });
    assert.equal(manager.health.problem(clock.t), 'the first lease round has not finished');
    for (let i = 0; i < 2; i++) {
      await manager.round();
      clock.t += TTL / 3;
    }
    assert.deepEqual(errors, [1, 2]);
    assert.equal(manager.health.problem(clock.t), 'the first lease round has not finished');
    await manager.round();
    assert.equal(manager.health.problem(clock.t), '3 consecutive lease rounds failed: too many SQL variables');
    assert.equal(manager.health.failuresTotal, 3);
    failing = false;
    clock.t += TTL / 3;
    await manager.round();
    assert.equal(manager.units.size, 3);
    assert.equal(manager.health.problem(clock.t), null);
    await manager.leave();
  });

  test('a round that never ends is noticed too: no success for 2 × TTL is not ready', async () => {
    const clock = { t: 8_500_000 };
    const a = worker('hangs', unitsOf(2), clock);
    await a.manager.round();
    assert.equal(a.manager.health.problem(clock.t), null);
    clock.t += 2 * TTL;
    assert.match(a.manager.health.problem(clock.t) ?? '', /^no lease round succeeded for 6 s$/);
    await a.manager.leave();
  });

  test('a worker kept below its fair share longer than 3 × TTL is not ready, and says how far below', async () => {
    const clock = { t: 9_000_000 };
    const units = unitsOf(8);
    // another live worker holds every unit and never gives any up (stuck, or an older version)
    await store.leases.heartbeat('greedy', clock.t);
    await store.leases.claim('greedy', units, clock.t, 100 * TTL);
    const starved = worker('starved', units, clock);
    const problems: (string | null)[] = [];
    for (let elapsed = 0; elapsed <= 3 * TTL; elapsed += TTL / 3) {
      await store.leases.heartbeat('greedy', clock.t);
      await starved.manager.round();
      problems.push(starved.manager.health.problem(clock.t));
      clock.t += TTL / 3;
    }
    assert.ok(
      problems.slice(0, -1).every((p) => p === null),
      `ready within the grace: ${problems.join(', ')}`,
    );
    assert.equal(problems.at(-1), 'owns 0 of a fair share of at least 4 units (8 units, 2 live workers) for 9 s');
    await starved.manager.leave();
    await store.leases.leave('greedy');
  });

  test('with the store unreachable it keeps its units (and checks them); after the outage it renews them all', async () => {
    const clock = { t: 7_000_000 };
    const units = unitsOf(2);
    let down = false;
    const a = worker(
      'flaky',
      units,
      clock,
      failingWhen(() => down),
    );
    await a.manager.round();
    assert.equal(a.manager.units.size, 2);
    down = true;
    for (let i = 0; i < 6; i++) {
      clock.t += TTL / 3;
      await a.manager.round();
    }
    assert.equal(a.manager.units.size, 2, 'kept through an outage of 2 TTLs');
    const changesBefore = a.changes.length;
    down = false;
    clock.t += 1;
    await a.manager.round();
    assert.equal(a.manager.units.size, 2);
    assert.equal(a.changes.length, changesBefore, 'no unit dropped or re-added: nobody else took them');
    assert.ok(
      (await store.leases.list())
        .filter((l) => units.includes(l.unit))
        .every((l) => l.owner === 'flaky' && l.expiresAt === clock.t + TTL),
    );
    await a.manager.leave();
  });

  test('no check starts on leases a late round has not renewed; a store outage or a hanging round goes on checking', async () => {
    const clock = { t: 7_500_000 };
    let down = false;
    let hang: Promise<void> | undefined;
    const slow = failingWhen(() => down);
    const hanging = new Proxy(slow, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'heartbeat' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await hang;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const a = worker('late', unitsOf(2), clock, hanging);
    assert.equal(a.manager.mayCheck(clock.t), false, 'nothing renewed yet');
    await a.manager.round();
    assert.equal(a.manager.mayCheck(clock.t), true);
    // the process stalled: its round is a whole TTL late, another worker may have taken the units
    clock.t += TTL - TTL / 3;
    assert.equal(a.manager.mayCheck(clock.t), false, 'held back until the next round says what it owns');
    await a.manager.round();
    assert.equal(a.manager.mayCheck(clock.t), true, 'renewed');
    // the store refuses: the worker keeps checking its units (the fence sorts out the results)
    down = true;
    clock.t += TTL;
    await a.manager.round();
    assert.equal(a.manager.mayCheck(clock.t), true, 'outage: checks go on');
    down = false;
    await a.manager.round();
    // the store hangs: held back for one round, then checking as in an outage
    let answer = () => undefined as void;
    hang = new Promise<void>((resolve) => (answer = resolve));
    clock.t += TTL;
    const round = a.manager.round();
    assert.equal(a.manager.mayCheck(clock.t), false, 'a round just started: wait for it');
    clock.t += TTL / 3 + 1;
    assert.equal(a.manager.mayCheck(clock.t), true, 'a round waiting longer than a round: the store is unreachable');
    answer();
    hang = undefined;
    await round;
    await a.manager.leave();
  });

  test('a worker back from a partition drops the units another worker took over meanwhile', async () => {
    const clock = { t: 7_500_000 };
    const units = unitsOf(4);
    let cutOff = false;
    const a = worker(
      'cut-off',
      units,
      clock,
      failingWhen(() => cutOff),
    );
    await a.manager.round();
    assert.equal(a.manager.units.size, 4);
    cutOff = true;
    clock.t += TTL + 1;
    await a.manager.round();
    const b = worker('other', units, clock);
    await b.manager.round();
    assert.ok(b.manager.units.size > 0, 'the other worker claimed expired units');
    const taken = [...b.manager.units];
    cutOff = false;
    clock.t += 1;
    await a.manager.round();
    assert.deepEqual(a.changes.at(-1)?.removed.sort(), [...taken].sort());
    await assertDisjoint([a.manager, b.manager], units);
    await a.manager.leave();
    await b.manager.leave();
  });

  test("after its own store outage a worker waits one TTL before claiming others' expired units", async () => {
    const clock = { t: 7_800_000 };
    const units = unitsOf(4);
    const aUnits = units.slice(0, 2);
    let down = false;
    const a = worker(
      'back-first',
      aUnits,
      clock,
      failingWhen(() => down),
    );
    const b = worker('back-later', units, clock);
    await a.manager.round();
    await b.manager.round();
    // the store goes away for 3 TTLs: every lease expires; b does not even run a round meanwhile
    down = true;
    clock.t += TTL * 3;
    await a.manager.round();
    down = false;
    aUnits.push(...units.slice(2)); // a now shares all four units: b's expired leases would be claimable
    clock.t += 1;
    await a.manager.round();
    assert.deepEqual([...a.manager.units].sort(), units.slice(0, 2), "claimed nothing of b's right after the outage");
    clock.t += 1;
    await b.manager.round();
    assert.equal(b.manager.units.size, 2, 'b renewed its own on its way back');
    // both carry on as usual: b renews every TTL / 3, a may claim again one TTL after its outage
    for (let i = 0; i < 4; i++) {
      clock.t += TTL / 3;
      await b.manager.round();
      await a.manager.round();
    }
    await assertDisjoint([a.manager, b.manager], units);
    assert.equal(b.manager.units.size, 2);
    await a.manager.leave();
    await b.manager.leave();
  });
});
