import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createMigrator } from '../../src/store/migrations/index.ts';
import type { SubscriberRecord } from '../../src/store/admin-store.ts';
import { DuplicateError } from '../../src/store/store-errors.ts';
import { T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function subscriber(id: string, target: string, opts: Partial<SubscriberRecord> = {}): SubscriberRecord {
  return {
    id,
    kind: 'email',
    target,
    componentIds: [],
    confirmedAt: null,
    createdAt: T0,
    pageSlug: '',
    pageAccess: null,
    ...opts,
  };
}

const link = (tokenHash: string, expiresAt = T0 + DAY) => ({ tokenHash, expiresAt, sentAt: T0 });

forEachStore('subscribers (public sign-up)', (h) => {
  test('create, find by target and get; the admin side sees the same subscriber', async () => {
    await h.store.subscribers.create(subscriber('s-a', 'a@example.com', { componentIds: ['api'] }), link('hash-a'));
    const found = await h.store.subscribers.findByTarget('email', 'a@example.com');
    assert.deepEqual(found, subscriber('s-a', 'a@example.com', { componentIds: ['api'] }));
    assert.deepEqual(await h.store.subscribers.get('s-a'), found);
    assert.equal(await h.store.subscribers.findByTarget('webhook', 'a@example.com'), undefined);
    assert.deepEqual(await h.store.admin.getSubscriber('s-a'), found);
    // a subscriber made through the admin store has no link and can be found too
    await h.store.admin.createSubscriber(
      subscriber('s-admin', 'https://hooks.example.com/x', { kind: 'webhook', confirmedAt: T0 }),
    );
    assert.equal((await h.store.subscribers.findByTarget('webhook', 'https://hooks.example.com/x'))?.id, 's-admin');
  });

  test('the same kind and target twice is a DuplicateError', async () => {
    await h.store.subscribers.create(subscriber('s-dup1', 'dup@example.com'), link('hash-dup1'));
    await assert.rejects(
      h.store.subscribers.create(subscriber('s-dup2', 'dup@example.com'), link('hash-dup2')),
      DuplicateError,
    );
  });

  test('confirm by token: once, then "used"; an expired link and an unknown token are refused', async () => {
    await h.store.subscribers.create(subscriber('s-c', 'c@example.com'), link('hash-c', T0 + HOUR));
    assert.deepEqual(await h.store.subscribers.confirmByToken('nope', T0), { result: 'unknown' });
    const first = await h.store.subscribers.confirmByToken('hash-c', T0 + 60_000);
    assert.equal(first.result, 'confirmed');
    assert.equal((await h.store.subscribers.get('s-c'))?.confirmedAt, T0 + 60_000);
    const again = await h.store.subscribers.confirmByToken('hash-c', T0 + 120_000);
    assert.equal(again.result, 'used');
    assert.equal((await h.store.subscribers.get('s-c'))?.confirmedAt, T0 + 60_000);

    await h.store.subscribers.create(subscriber('s-x', 'x@example.com'), link('hash-x', T0 + HOUR));
    assert.deepEqual(await h.store.subscribers.confirmByToken('hash-x', T0 + HOUR), { result: 'expired' });
    assert.equal((await h.store.subscribers.get('s-x'))?.confirmedAt, null);
  });

  test('a renewed link replaces the old one, the page and the chosen components', async () => {
    await h.store.subscribers.create(
      subscriber('s-r', 'r@example.com', { componentIds: ['a'] }),
      link('hash-r1', T0 + HOUR),
    );
    await h.store.subscribers.renewConfirmation('s-r', link('hash-r2', T0 + 3 * HOUR), {
      componentIds: ['b', 'c'],
      pageSlug: 'internal',
      pageAccess: 'fp-1',
    });
    assert.deepEqual(await h.store.subscribers.confirmByToken('hash-r1', T0 + 2 * HOUR), { result: 'unknown' });
    const ok = await h.store.subscribers.confirmByToken('hash-r2', T0 + 2 * HOUR);
    assert.equal(ok.result, 'confirmed');
    assert.deepEqual(
      ok.result === 'confirmed' && [ok.subscriber.componentIds, ok.subscriber.pageSlug, ok.subscriber.pageAccess],
      [['b', 'c'], 'internal', 'fp-1'],
    );
  });

  test("a subscription keeps the page it was made on, and a private page's access fingerprint", async () => {
    await h.store.subscribers.create(
      subscriber('s-p', 'p@example.com', { pageSlug: 'internal', pageAccess: 'fp-x' }),
      link('hash-p'),
    );
    assert.deepEqual(
      [(await h.store.subscribers.get('s-p'))?.pageSlug, (await h.store.admin.getSubscriber('s-p'))?.pageAccess],
      ['internal', 'fp-x'],
    );
    await h.store.admin.createSubscriber(subscriber('s-p2', 'p2@example.com', { pageSlug: 'public' }));
    assert.deepEqual(
      (await h.store.admin.listSubscribers()).filter((s) => s.id === 's-p2').map((s) => [s.pageSlug, s.pageAccess]),
      [['public', null]],
    );
  });

  test('attempts: the first is counted by create; at most max per window; a new window starts over', async () => {
    await h.store.subscribers.create(subscriber('s-t', 't@example.com'), link('hash-t'));
    const limit = { max: 3, windowMs: DAY };
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + 1, limit), true);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + 2, limit), true);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + 3, limit), false);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + DAY - 1, limit), false);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + DAY, limit), true);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + DAY + 1, limit), true);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + DAY + 2, limit), true);
    assert.equal(await h.store.subscribers.takeAttempt('s-t', T0 + DAY + 3, limit), false);
    assert.equal(await h.store.subscribers.takeAttempt('missing', T0, limit), false);
  });

  test('attempts racing for the last one: exactly one wins', async () => {
    await h.store.subscribers.create(subscriber('s-race', 'race@example.com'), link('hash-race'));
    const took = await Promise.all(
      Array.from({ length: 8 }, () => h.store.subscribers.takeAttempt('s-race', T0 + 5, { max: 2, windowMs: DAY })),
    );
    assert.equal(took.filter(Boolean).length, 1);
  });

  test('markConfirmed, remove, and pruning unconfirmed sign-ups whose link expired', async () => {
    await h.store.subscribers.create(subscriber('s-w', 'https://hooks.example.com/w', { kind: 'webhook' }), null);
    assert.equal(await h.store.subscribers.markConfirmed('s-w', T0 + 5), true);
    assert.equal((await h.store.subscribers.get('s-w'))?.confirmedAt, T0 + 5);
    assert.equal(await h.store.subscribers.markConfirmed('missing', T0), false);

    await h.store.subscribers.create(subscriber('s-old', 'old@example.com'), link('hash-old', T0 + HOUR));
    await h.store.subscribers.create(subscriber('s-new', 'new@example.com'), link('hash-new', T0 + 5 * DAY));
    const pruned = await h.store.subscribers.pruneUnconfirmed(T0 + 2 * DAY);
    assert.ok(pruned >= 1);
    assert.equal(await h.store.subscribers.get('s-old'), undefined);
    assert.ok(await h.store.subscribers.get('s-new'));
    assert.ok(await h.store.subscribers.get('s-c'), 'confirmed subscribers are never pruned');

    assert.equal(await h.store.subscribers.remove('s-new'), true);
    assert.equal(await h.store.subscribers.remove('s-new'), false);
    assert.equal(await h.store.admin.getSubscriber('s-new'), undefined);
  });
});

forEachStore(
  'subscribers made before 0008-subscriber-pages',
  (h) => {
    test('are bound to the page served at / (page_slug ""), as public-page subscriptions (no access fingerprint)', async () => {
      const migrator = createMigrator(h.database(), h.kind);
      const upTo7 = await migrator.migrateTo('0007-leases');
      assert.equal(upTo7.error, undefined);
      await sql`insert into subscribers (id, kind, target, component_ids, confirmed_at, created_at) values ('s-old', 'email', 'old@example.com', '["api"]', ${T0}, ${T0})`.execute(
        h.database(),
      );
      await h.store.migrate();
      const old = await h.store.subscribers.get('s-old');
      assert.deepEqual(old && [old.pageSlug, old.pageAccess, old.componentIds, old.confirmedAt], [
        '',
        null,
        ['api'],
        T0,
      ]);
    });
  },
  { migrate: false },
);
