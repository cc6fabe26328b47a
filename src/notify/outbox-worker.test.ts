import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Agent } from 'undici';
import { createLogger } from '../runtime/logger.ts';
import type { NewOutboxRow, OutboxRow, OutboxStore } from '../store/outbox-store.ts';
import type { NotificationEvent } from './notification-event.ts';
import type { DeliveryResult } from './notifier.ts';
import { MAX_DIGEST, OutboxWorker, type ChannelSender } from './outbox-worker.ts';
import { defaultEgressPolicy } from '../egress/egress-policy.ts';

/** Just enough of the outbox, in memory, with the same claim/lease rules as the store's. */
function memoryOutbox(): OutboxStore & { rows: Map<string, OutboxRow> } {
  const rows = new Map<string, OutboxRow>();
  const mine = (id: string, claimant: string) => {
    const r = rows.get(id);
    return r && r.state === 'pending' && r.claimedBy === claimant ? r : undefined;
  };
  return {
    rows,
    async enqueue(list: readonly NewOutboxRow[]) {
      for (const r of list)
        rows.set(r.id, {
          ...r,
          state: 'pending',
          attempts: 0,
          claimedBy: null,
          claimedUntil: null,
          sentAt: null,
          lastError: null,
          lastStatus: null,
          lastBody: null,
          updatedAt: r.createdAt,
        });
      return list.length;
    },
    async claimDue(now, { limit, leaseMs, claimant }) {
      const due = [...rows.values()]
        .filter(
          (r) => r.state === 'pending' && r.nextAttemptAt <= now && (r.claimedUntil === null || r.claimedUntil <= now),
        )
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
        .slice(0, limit);
      for (const r of due)
        Object.assign(r, { claimedBy: claimant, claimedUntil: now + leaseMs, attempts: r.attempts + 1 });
      return due.map((r) => ({ ...r }));
    },
    async markSent(id, claimant, now) {
      const r = mine(id, claimant);
      if (r) Object.assign(r, { state: 'sent', sentAt: now, claimedUntil: null });
      return !!r;
    },
    async markManySent(ids, claimant, now) {
      let n = 0;
      for (const id of ids) if (await this.markSent(id, claimant, now, null)) n++;
      return n;
    },
    async markFailed(id, claimant, o) {
      const r = mine(id, claimant);
      if (r)
        Object.assign(r, {
          state: o.nextAttemptAt === null ? 'dead' : 'pending',
          nextAttemptAt: o.nextAttemptAt ?? r.nextAttemptAt,
          lastError: o.error,
          claimedBy: null,
          claimedUntil: null,
        });
      return !!r;
    },
    async release(id, claimant, next) {
      const r = mine(id, claimant);
      if (r) Object.assign(r, { nextAttemptAt: next, claimedBy: null, claimedUntil: null, attempts: r.attempts - 1 });
    },
    list: async () => [],
    get: async (id) => rows.get(id),
    retry: async () => false,
    stats: async () => ({ pending: 0, dead: 0, oldestPendingAt: null, pendingByTarget: {}, deadByTarget: {} }),
    prune: async () => 0,
    setting: async (_k, make) => make(),
  };
}

const event = (i: number): NotificationEvent => ({
  id: `e${String(i).padStart(4, '0')}`,
  type: 'monitor.down',
  at: i,
  pageUrl: 'http://x',
  components: [],
});
const row = (i: number): NewOutboxRow => ({
  id: `e${String(i).padStart(4, '0')}:channel:c`,
  eventId: `e${i}`,
  eventType: 'monitor.down',
  targetKind: 'channel',
  targetId: 'c',
  event: event(i),
  createdAt: i,
  nextAttemptAt: 0,
});

function channel(
  answer: (e: NotificationEvent) => DeliveryResult,
  opts: Partial<ChannelSender> = {},
): ChannelSender & { sent: NotificationEvent[] } {
  const sent: NotificationEvent[] = [];
  return {
    id: 'c',
    dispatcher: new Agent(),
    egress: defaultEgressPolicy().guardFor('config'),
    coalesceAfter: 5,
    ratePerMinute: 10_000,
    sent,
    send: async (e) => (sent.push(e), answer(e)),
    ...opts,
  };
}

async function drain(
  worker: OutboxWorker,
  outbox: ReturnType<typeof memoryOutbox>,
  clock: { t: number },
  until: () => boolean,
) {
  worker.start();
  for (let i = 0; i < 200 && !until(); i++) {
    clock.t += 1_000;
    worker.wake();
    await new Promise((r) => setTimeout(r, 5));
  }
  await worker.stop();
}

describe('outbox worker', () => {
  test(`many rows due at once become digests of at most ${MAX_DIGEST} events, all marked sent`, async () => {
    const outbox = memoryOutbox();
    await outbox.enqueue(Array.from({ length: 250 }, (_, i) => row(i)));
    const ch = channel(() => ({ ok: true, remoteStatus: 200 }));
    const clock = { t: 1 };
    const worker = new OutboxWorker({
      outbox,
      channel: () => ch,
      subscriber: () => undefined,
      logger: createLogger('silent'),
      now: () => clock.t,
      claimant: 'w',
      batchSize: 500,
    });
    await drain(worker, outbox, clock, () => [...outbox.rows.values()].every((r) => r.state === 'sent'));
    assert.deepEqual(
      ch.sent.map((e) => e.digest?.length),
      [100, 100, 50],
    );
    assert.equal(new Set(ch.sent.flatMap((e) => e.digest!.map((d) => d.id))).size, 250, 'every event listed once');
  });

  test('a failed delivery holds back the rest of its target, in order; a non-retryable one is a dead letter', async () => {
    const outbox = memoryOutbox();
    await outbox.enqueue([row(1), row(2), row(3)]);
    let failures = 0;
    const ch = channel(
      (e) =>
        e.id === 'e0001' && failures++ < 2
          ? { ok: false, retryable: true, error: 'HTTP 500', remoteStatus: 500 }
          : e.id === 'e0002'
            ? { ok: false, retryable: false, error: 'HTTP 400', remoteStatus: 400 }
            : { ok: true },
      { coalesceAfter: 100 },
    );
    const clock = { t: 1 };
    const worker = new OutboxWorker({
      outbox,
      channel: () => ch,
      subscriber: () => undefined,
      logger: createLogger('silent'),
      now: () => clock.t,
      claimant: 'w',
      backoffBaseMs: 100,
      backoffMaxMs: 500,
    });
    await drain(worker, outbox, clock, () => [...outbox.rows.values()].every((r) => r.state !== 'pending'));
    assert.deepEqual(
      ch.sent.map((e) => e.id),
      ['e0001', 'e0001', 'e0001', 'e0002', 'e0003'],
    );
    assert.deepEqual(
      [...outbox.rows.values()].map((r) => r.state),
      ['sent', 'dead', 'sent'],
    );
    assert.equal(outbox.rows.get('e0002:channel:c')?.lastError, 'HTTP 400');
  });

  test('rows for a channel that no longer exists are dead letters, not retried forever', async () => {
    const outbox = memoryOutbox();
    await outbox.enqueue([row(1)]);
    const clock = { t: 1 };
    const worker = new OutboxWorker({
      outbox,
      channel: () => undefined,
      subscriber: () => undefined,
      logger: createLogger('silent'),
      now: () => clock.t,
      claimant: 'w',
    });
    await drain(worker, outbox, clock, () => outbox.rows.get('e0001:channel:c')?.state === 'dead');
    assert.match(outbox.rows.get('e0001:channel:c')!.lastError!, /no longer exists/);
  });

  test('the rate limit holds messages back; what is held becomes a digest', async () => {
    const outbox = memoryOutbox();
    await outbox.enqueue([row(1), { ...row(2), nextAttemptAt: 1_500 }, { ...row(3), nextAttemptAt: 1_500 }]);
    const ch = channel(() => ({ ok: true }), { coalesceAfter: 2, ratePerMinute: 1 });
    const clock = { t: 1 };
    const worker = new OutboxWorker({
      outbox,
      channel: () => ch,
      subscriber: () => undefined,
      logger: createLogger('silent'),
      now: () => clock.t,
      claimant: 'w',
    });
    await drain(worker, outbox, clock, () => [...outbox.rows.values()].every((r) => r.state === 'sent'));
    assert.equal(ch.sent[0]?.digest, undefined, 'the first goes alone');
    assert.equal(ch.sent.length, 2, 'the two held back go together');
    assert.deepEqual(
      ch.sent[1]?.digest?.map((e) => e.id),
      ['e0002', 'e0003'],
    );
  });
});
