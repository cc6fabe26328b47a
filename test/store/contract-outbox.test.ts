import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NotificationEvent } from '../../src/notify/notification-event.ts';
import type { ComponentStatus } from '../../src/domain/statuses.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { NewOutboxRow, OutboxTargetKind } from '../../src/store/outbox-store.ts';
import type { Store } from '../../src/store/store.ts';
import { batch, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

function event(id: string): NotificationEvent {
  return {
    id,
    type: 'monitor.down',
    at: T0,
    pageUrl: 'https://status.example.com',
    components: [{ id: 'api', name: 'API', status: 'major_outage' }],
    monitor: {
      id: 'm1',
      name: 'M1',
      status: 'down',
      previousStatus: 'up',
      since: T0,
      lastError: 'timeout',
      url: 'https://status.example.com/admin/monitors/m1',
    },
  };
}

function row(
  eventId: string,
  targetId: string,
  opts: { createdAt?: number; nextAttemptAt?: number; targetKind?: OutboxTargetKind } = {},
): NewOutboxRow {
  const targetKind = opts.targetKind ?? 'channel';
  const createdAt = opts.createdAt ?? T0;
  return {
    id: `${eventId}:${targetKind}:${targetId}`,
    eventId,
    eventType: 'monitor.down',
    targetKind,
    targetId,
    event: event(eventId),
    createdAt,
    nextAttemptAt: opts.nextAttemptAt ?? createdAt,
  };
}

const LEASE = 60_000;

forEachStore('outbox', (h) => {
  const claim = (now: number, targetId: string, claimant = 'A', limit = 10, leaseMs = LEASE) =>
    h.store.outbox.claimDue(now, { limit, leaseMs, claimant, targetIds: [targetId] });
  const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
  const clearOutbox = () => h.database().deleteFrom('outbox').execute();

  test('enqueue stores pending rows and skips those already queued for the same event and target', async () => {
    const a = row('e1', 'dedupe');
    const b = row('e1', 'dedupe', { targetKind: 'subscriber' });
    assert.equal(await h.store.outbox.enqueue([a, b]), 2);
    assert.equal(await h.store.outbox.enqueue([a, row('e2', 'dedupe'), row('e2', 'dedupe')]), 1);
    // another id, same (event, kind, target): still the same delivery
    assert.equal(await h.store.outbox.enqueue([{ ...a, id: 'other-id' }]), 0);
    assert.equal(await h.store.outbox.enqueue([]), 0);

    const stored = await h.store.outbox.get(a.id);
    assert.deepEqual(stored, {
      ...a,
      state: 'pending',
      attempts: 0,
      claimedBy: null,
      claimedUntil: null,
      sentAt: null,
      lastError: null,
      lastStatus: null,
      lastBody: null,
      updatedAt: a.createdAt,
    });
    assert.equal(await h.store.outbox.get('other-id'), undefined);
  });

  test('enqueue writes many rows, across statements, counting only new ones', async () => {
    const rows = Array.from({ length: 3_500 }, (_, i) => row(`bulk${i}`, 'bulk'));
    assert.equal(await h.store.outbox.enqueue(rows.slice(0, 100)), 100);
    assert.equal(await h.store.outbox.enqueue(rows), 3_400);
    assert.equal((await h.store.outbox.stats(T0)).pendingByTarget.bulk, 3_500);
  });

  test('claimDue hands out due rows oldest due first, up to the limit, leased and counted', async () => {
    await h.store.outbox.enqueue([
      row('o1', 'order', { createdAt: T0, nextAttemptAt: T0 + 2 }),
      row('o2', 'order', { createdAt: T0 + 1, nextAttemptAt: T0 + 1 }),
      row('o3', 'order', { createdAt: T0, nextAttemptAt: T0 + 1 }),
      row('o4', 'order', { createdAt: T0, nextAttemptAt: T0 + 100 }),
    ]);
    const first = await claim(T0 + 10, 'order', 'A', 2);
    assert.deepEqual(ids(first), ['o3:channel:order', 'o2:channel:order']);
    for (const r of first) {
      assert.equal(r.claimedBy, 'A');
      assert.equal(r.claimedUntil, T0 + 10 + LEASE);
      assert.equal(r.attempts, 1);
      assert.equal(r.updatedAt, T0 + 10);
      assert.deepEqual(r.event, event(r.eventId));
    }
    assert.deepEqual(ids(await claim(T0 + 10, 'order', 'A', 10)), ['o1:channel:order']);
    assert.deepEqual(await claim(T0 + 99, 'order'), [], 'not due yet');
    assert.deepEqual(ids(await claim(T0 + 100, 'order')), ['o4:channel:order']);
    assert.deepEqual(await h.store.outbox.claimDue(T0 + 100, { limit: 0, leaseMs: LEASE, claimant: 'A' }), []);
    assert.deepEqual(
      await h.store.outbox.claimDue(T0 + 100, { limit: 10, leaseMs: LEASE, claimant: 'A', targetIds: [] }),
      [],
    );
  });

  test('claimDue only takes rows of the given targets', async () => {
    await h.store.outbox.enqueue([row('t1', 'only-a'), row('t1', 'only-b'), row('t1', 'only-c')]);
    const claimed = await h.store.outbox.claimDue(T0, {
      limit: 10,
      leaseMs: LEASE,
      claimant: 'A',
      targetIds: ['only-a', 'only-c'],
    });
    assert.deepEqual(ids(claimed).sort(), ['t1:channel:only-a', 't1:channel:only-c']);
    assert.deepEqual(ids(await claim(T0, 'only-b')), ['t1:channel:only-b']);
  });

  test('a leased row waits for its lease to end; then another sender takes it over and the first can no longer settle it', async () => {
    const r = row('lease1', 'lease');
    await h.store.outbox.enqueue([r]);
    assert.equal((await claim(T0, 'lease', 'A', 10, 1_000)).length, 1);
    assert.deepEqual(await claim(T0 + 999, 'lease', 'B'), []);
    const taken = await claim(T0 + 1_000, 'lease', 'B', 10, 1_000);
    assert.deepEqual(ids(taken), [r.id]);
    assert.equal(taken[0]?.claimedBy, 'B');
    assert.equal(taken[0]?.attempts, 2);

    assert.equal(await h.store.outbox.markSent(r.id, 'A', T0 + 1_001, 200), false);
    assert.equal(
      await h.store.outbox.markFailed(r.id, 'A', {
        now: T0 + 1_001,
        error: 'late',
        remoteStatus: null,
        remoteBody: null,
        nextAttemptAt: T0 + 2_000,
      }),
      false,
    );
    assert.equal(await h.store.outbox.markSent(r.id, 'B', T0 + 1_002, 204), true);
    const sent = await h.store.outbox.get(r.id);
    assert.equal(sent?.state, 'sent');
    assert.equal(sent?.sentAt, T0 + 1_002);
    assert.equal(sent?.lastStatus, 204);
    assert.equal(sent?.claimedBy, 'B');
    assert.equal(sent?.claimedUntil, null);
    assert.equal(sent?.lastError, null);
  });

  test('a sent row is never claimed again, nor settled twice', async () => {
    const r = row('sent1', 'sent');
    await h.store.outbox.enqueue([r]);
    await claim(T0, 'sent', 'A', 10, 1_000);
    assert.equal(await h.store.outbox.markSent(r.id, 'A', T0 + 1, null), true);
    assert.deepEqual(await claim(T0 + 1_000_000, 'sent', 'B'), []);
    assert.equal(await h.store.outbox.markSent(r.id, 'A', T0 + 2, 200), false);
    assert.equal(
      await h.store.outbox.markFailed(r.id, 'A', {
        now: T0 + 2,
        error: 'x',
        remoteStatus: null,
        remoteBody: null,
        nextAttemptAt: null,
      }),
      false,
    );
    assert.equal((await h.store.outbox.get(r.id))?.lastStatus, null);
  });

  test('markFailed makes the row pending again at the next attempt time, keeping the error, status and body', async () => {
    const r = row('fail1', 'fail');
    await h.store.outbox.enqueue([r]);
    await claim(T0, 'fail');
    const outcome = { now: T0 + 5, error: 'HTTP 503', remoteStatus: 503, remoteBody: 'busy', nextAttemptAt: T0 + 500 };
    assert.equal(await h.store.outbox.markFailed(r.id, 'B', outcome), false, 'not the claimant');
    assert.equal(await h.store.outbox.markFailed(r.id, 'A', outcome), true);
    const failed = await h.store.outbox.get(r.id);
    assert.deepEqual(
      {
        state: failed?.state,
        attempts: failed?.attempts,
        nextAttemptAt: failed?.nextAttemptAt,
        claimedBy: failed?.claimedBy,
        claimedUntil: failed?.claimedUntil,
      },
      { state: 'pending', attempts: 1, nextAttemptAt: T0 + 500, claimedBy: null, claimedUntil: null },
    );
    assert.deepEqual(
      [failed?.lastError, failed?.lastStatus, failed?.lastBody, failed?.updatedAt],
      ['HTTP 503', 503, 'busy', T0 + 5],
    );
    assert.equal(await h.store.outbox.markSent(r.id, 'A', T0 + 6, 200), false, 'no longer leased');

    assert.deepEqual(await claim(T0 + 499, 'fail'), []);
    const again = await claim(T0 + 500, 'fail', 'B');
    assert.equal(again[0]?.attempts, 2);
    assert.equal(again[0]?.lastError, 'HTTP 503');
  });

  test('markFailed without a next attempt makes the row dead; retry brings a dead row back, due now', async () => {
    const r = row('dead1', 'dead');
    await h.store.outbox.enqueue([r]);
    await claim(T0, 'dead');
    assert.equal(await h.store.outbox.retry(r.id, T0), false, 'not dead');
    assert.equal(
      await h.store.outbox.markFailed(r.id, 'A', {
        now: T0 + 1,
        error: 'gone',
        remoteStatus: 410,
        remoteBody: null,
        nextAttemptAt: null,
      }),
      true,
    );
    const dead = await h.store.outbox.get(r.id);
    assert.equal(dead?.state, 'dead');
    assert.equal(dead?.lastError, 'gone');
    assert.equal(dead?.claimedUntil, null);
    assert.deepEqual(await claim(T0 + 1_000_000, 'dead'), []);

    assert.equal(await h.store.outbox.retry(r.id, T0 + 10), true);
    assert.equal(await h.store.outbox.retry(r.id, T0 + 10), false, 'pending now');
    assert.equal(await h.store.outbox.retry('no-such-row', T0 + 10), false);
    const retried = await h.store.outbox.get(r.id);
    assert.deepEqual(
      {
        state: retried?.state,
        attempts: retried?.attempts,
        nextAttemptAt: retried?.nextAttemptAt,
        claimedBy: retried?.claimedBy,
        lastError: retried?.lastError,
      },
      { state: 'pending', attempts: 0, nextAttemptAt: T0 + 10, claimedBy: null, lastError: 'gone' },
    );
    assert.deepEqual(ids(await claim(T0 + 10, 'dead', 'B')), [r.id]);
  });

  test('release hands a claimed row back untouched, due at the given time', async () => {
    const r = row('rel1', 'release');
    await h.store.outbox.enqueue([r]);
    await claim(T0, 'release');
    await h.store.outbox.release(r.id, 'B', T0 + 1);
    assert.equal((await h.store.outbox.get(r.id))?.claimedBy, 'A', 'only the claimant releases');
    await h.store.outbox.release(r.id, 'A', T0 + 50);
    const released = await h.store.outbox.get(r.id);
    assert.deepEqual(
      [released?.attempts, released?.nextAttemptAt, released?.claimedBy, released?.claimedUntil],
      [0, T0 + 50, null, null],
    );
    assert.deepEqual(await claim(T0 + 49, 'release', 'B'), []);
    assert.deepEqual(ids(await claim(T0 + 50, 'release', 'B')), [r.id]);
  });

  test('markManySent settles the claimant’s rows only', async () => {
    const rows = ['m1', 'm2', 'm3'].map((e) => row(e, 'many'));
    await h.store.outbox.enqueue([...rows, row('m4', 'many')]);
    await claim(T0, 'many', 'A', 3);
    assert.equal(await h.store.outbox.markManySent(ids(rows), 'B', T0 + 1, 200), 0);
    assert.equal(
      await h.store.outbox.markManySent(
        [...ids(rows), rows[0]?.id ?? '', 'm4:channel:many', 'missing'],
        'A',
        T0 + 1,
        200,
      ),
      3,
    );
    assert.equal(await h.store.outbox.markManySent([], 'A', T0 + 1, 200), 0);
    for (const r of rows) assert.equal((await h.store.outbox.get(r.id))?.state, 'sent');
    assert.equal((await h.store.outbox.get('m4:channel:many'))?.state, 'pending');
  });

  test('list filters by state and target, newest first, and pages with `before`', async () => {
    await clearOutbox();
    await h.store.outbox.enqueue([
      row('l1', 'list-a', { createdAt: T0 + 1 }),
      row('l2', 'list-a', { createdAt: T0 + 2 }),
      row('l3', 'list-a', { createdAt: T0 + 2 }),
      row('l4', 'list-b', { createdAt: T0 + 3 }),
      row('l5', 'list-a', { createdAt: T0 + 4 }),
    ]);
    const [dying] = await h.store.outbox.claimDue(T0 + 10, {
      limit: 1,
      leaseMs: LEASE,
      claimant: 'A',
      targetIds: ['list-b'],
    });
    assert.ok(dying);
    await h.store.outbox.markFailed(dying.id, 'A', {
      now: T0 + 10,
      error: 'x',
      remoteStatus: null,
      remoteBody: null,
      nextAttemptAt: null,
    });

    const all = [
      'l5:channel:list-a',
      'l4:channel:list-b',
      'l3:channel:list-a',
      'l2:channel:list-a',
      'l1:channel:list-a',
    ];
    assert.deepEqual(ids(await h.store.outbox.list({ limit: 10 })), all);
    assert.deepEqual(
      ids(await h.store.outbox.list({ targetId: 'list-a', limit: 10 })),
      all.filter((id) => id.endsWith('list-a')),
    );
    assert.deepEqual(ids(await h.store.outbox.list({ state: 'dead', limit: 10 })), ['l4:channel:list-b']);
    assert.deepEqual(ids(await h.store.outbox.list({ state: 'pending', targetId: 'list-b', limit: 10 })), []);
    assert.deepEqual(ids(await h.store.outbox.list({ state: 'sent', limit: 10 })), []);

    const pages: string[][] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = await h.store.outbox.list({ state: 'pending', limit: 2, before });
      if (rows.length === 0) break;
      pages.push(ids(rows));
      before = rows.at(-1)?.id;
    }
    assert.deepEqual(pages, [
      ['l5:channel:list-a', 'l3:channel:list-a'],
      ['l2:channel:list-a', 'l1:channel:list-a'],
    ]);
    assert.deepEqual(await h.store.outbox.list({ limit: 10, before: 'no-such-row' }), []);
  });

  test('stats count pending and dead rows, in total and per target, with the oldest pending', async () => {
    await clearOutbox();
    assert.deepEqual(await h.store.outbox.stats(T0), {
      pending: 0,
      dead: 0,
      oldestPendingAt: null,
      pendingByTarget: {},
      deadByTarget: {},
    });
    await h.store.outbox.enqueue([
      row('s1', 'stats-a', { createdAt: T0 + 5 }),
      row('s2', 'stats-a', { createdAt: T0 + 3 }),
      row('s3', 'stats-b', { createdAt: T0 + 4 }),
      row('s4', 'stats-b', { createdAt: T0 + 1 }),
      row('s5', 'stats-a', { createdAt: T0 + 2 }),
    ]);
    const [dead] = await claim(T0 + 10, 'stats-b', 'A', 1);
    const [sent] = await claim(T0 + 10, 'stats-a', 'A', 1);
    assert.ok(dead && sent);
    await h.store.outbox.markFailed(dead.id, 'A', {
      now: T0 + 10,
      error: 'x',
      remoteStatus: null,
      remoteBody: null,
      nextAttemptAt: null,
    });
    await h.store.outbox.markSent(sent.id, 'A', T0 + 10, 200);

    assert.deepEqual(await h.store.outbox.stats(T0 + 10), {
      pending: 3,
      dead: 1,
      oldestPendingAt: T0 + 3,
      pendingByTarget: { 'stats-a': 2, 'stats-b': 1 },
      deadByTarget: { 'stats-b': 1 },
    });
  });

  test('prune deletes sent and dead rows settled before the cut-off, never pending ones', async () => {
    await clearOutbox();
    await h.store.outbox.enqueue([
      row('p1', 'prune', { createdAt: T0 }),
      row('p2', 'prune', { createdAt: T0 + 1 }),
      row('p3', 'prune', { createdAt: T0 + 2 }),
    ]);
    const [sent, dead] = await claim(T0 + 5, 'prune', 'A', 2);
    assert.ok(sent && dead);
    await h.store.outbox.markSent(sent.id, 'A', T0 + 10, 200);
    await h.store.outbox.markFailed(dead.id, 'A', {
      now: T0 + 20,
      error: 'x',
      remoteStatus: null,
      remoteBody: null,
      nextAttemptAt: null,
    });

    assert.equal(await h.store.outbox.prune(T0 + 10), 0);
    assert.equal(await h.store.outbox.prune(T0 + 15), 1);
    assert.equal(await h.store.outbox.get(sent.id), undefined);
    assert.equal(await h.store.outbox.prune(T0 + 1_000_000), 1);
    assert.deepEqual(ids(await h.store.outbox.list({ limit: 10 })), ['p3:channel:prune']);
  });

  test('a setting is made once and then kept, also when two stores race for it', async () => {
    let made = 0;
    const make = (value: string) => () => {
      made += 1;
      return value;
    };
    assert.equal(await h.store.outbox.setting('first', make('one')), 'one');
    assert.equal(await h.store.outbox.setting('first', make('two')), 'one');
    assert.equal(made, 1);

    const other = await openStore(h.url);
    try {
      const values = await Promise.all([
        h.store.outbox.setting('race', make('x')),
        other.outbox.setting('race', make('y')),
        h.store.outbox.setting('race', make('z')),
      ]);
      assert.equal(new Set(values).size, 1, `one value: ${values.join(', ')}`);
      assert.equal(await other.outbox.setting('race', make('w')), values[0]);
    } finally {
      await other.close();
    }
  });

  test('commitBatch writes its notifications in its one transaction; a failing batch writes none', async () => {
    const invalid = batch({
      componentStatuses: [{ componentId: 'x', status: 'on_fire' as ComponentStatus, since: T0 }],
      notifications: [row('cb-fail', 'commit')],
    });
    await assert.rejects(h.store.commitBatch(invalid));
    assert.equal(await h.store.outbox.get('cb-fail:channel:commit'), undefined);

    await h.store.commitBatch(
      batch({ notifications: [row('cb1', 'commit'), row('cb1', 'commit', { targetKind: 'subscriber' })] }),
    );
    await h.store.commitBatch(
      batch({
        componentStatuses: [{ componentId: 'cb', status: 'operational', since: T0 }],
        notifications: [row('cb1', 'commit'), row('cb2', 'commit')],
      }),
    );
    assert.deepEqual(ids(await h.store.outbox.list({ targetId: 'commit', limit: 10 })).sort(), [
      'cb1:channel:commit',
      'cb1:subscriber:commit',
      'cb2:channel:commit',
    ]);
  });

  test('admin transactions enqueue notifications with their other writes, and roll them back together', async () => {
    await assert.rejects(
      h.store.admin.transaction(async (tx) => {
        assert.equal(await tx.enqueueNotifications([row('adm-fail', 'admin')]), 1);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await h.store.outbox.get('adm-fail:channel:admin'), undefined);

    const queued = await h.store.admin.transaction((tx) =>
      tx.enqueueNotifications([row('adm1', 'admin'), row('adm2', 'admin')]),
    );
    assert.equal(queued, 2);
    assert.equal(await h.store.admin.enqueueNotifications([row('adm2', 'admin'), row('adm3', 'admin')]), 1);
    assert.equal((await h.store.outbox.list({ targetId: 'admin', limit: 10 })).length, 3);
  });

  if (h.kind === 'postgres') {
    test('four senders on their own connections claim 200 due rows, each exactly once', async () => {
      await h.store.outbox.enqueue(
        Array.from({ length: 200 }, (_, i) => row(`c${i}`, 'concurrent', { createdAt: T0 + (i % 7) })),
      );
      const senders: Store[] = [];
      try {
        for (let i = 0; i < 4; i++) senders.push(await openStore(h.url));
        const claimedBy = await Promise.all(
          senders.map(async (sender, i) => {
            const mine: string[] = [];
            // bounded: 200 rows, at least one per round while any is left
            for (let round = 0; round < 250; round++) {
              const rows = await sender.outbox.claimDue(T0 + 100, {
                limit: 3,
                leaseMs: LEASE,
                claimant: `sender-${i}`,
                targetIds: ['concurrent'],
              });
              if (rows.length === 0) break;
              mine.push(...ids(rows));
              assert.equal(await sender.outbox.markManySent(ids(rows), `sender-${i}`, T0 + 100, 200), rows.length);
            }
            return mine;
          }),
        );
        const all = claimedBy.flat();
        assert.equal(all.length, 200);
        assert.equal(new Set(all).size, 200);
        const stats = await h.store.outbox.stats(T0 + 100);
        assert.equal(stats.pendingByTarget.concurrent, undefined);
      } finally {
        await Promise.all(senders.map((s) => s.close()));
      }
    });
  }
});
