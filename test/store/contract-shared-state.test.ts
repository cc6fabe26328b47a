import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreThrottle } from '../../src/auth/shared-throttle.ts';
import { batch, monitorConfig, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

const MIN = 60_000;

forEachStore('shared state', (h) => {
  const shared = () => h.store.shared;

  test('throttle hits: counted per scope and key, newest first, forgotten past the window', async () => {
    for (const at of [T0, T0 + 1, T0 + 2]) await shared().hitThrottle('sign_in', '10.0.0.1', at, at - 15 * MIN);
    await shared().hitThrottle('subscribe', '10.0.0.1', T0 + 3, T0);
    await shared().hitThrottle('sign_in', '10.0.0.2', T0 + 4, T0);
    assert.deepEqual(await shared().throttleHits('sign_in', '10.0.0.1', T0 - 1, 10), [T0 + 2, T0 + 1, T0]);
    assert.deepEqual(await shared().throttleHits('sign_in', '10.0.0.1', T0 - 1, 2), [T0 + 2, T0 + 1]);
    // a hit 20 minutes later forgets those older than its window
    const after = await shared().hitThrottle('sign_in', '10.0.0.1', T0 + 20 * MIN, T0 + 5 * MIN);
    assert.deepEqual(after, [T0 + 20 * MIN]);
    await shared().clearThrottle('sign_in', '10.0.0.2');
    assert.deepEqual(await shared().throttleHits('sign_in', '10.0.0.2', 0, 10), []);
    assert.deepEqual(await shared().throttleHits('subscribe', '10.0.0.1', 0, 10), [T0 + 3]);
    assert.equal(await shared().pruneThrottleHits(T0 + 10), 1, 'the subscribe hit');
  });

  test('StoreThrottle: two instances (two replicas) share one limit', async () => {
    let now = T0;
    const options = { max: 3, windowMs: 15 * MIN, now: () => now };
    const a = new StoreThrottle(shared(), 'page_password', options);
    const b = new StoreThrottle(shared(), 'page_password', options);
    await a.fail('ip');
    now += 1_000;
    await b.fail('ip');
    assert.deepEqual(await a.check('ip'), { allowed: true });
    now += 1_000;
    await a.fail('ip');
    assert.deepEqual(await b.check('ip'), { allowed: false, retryAfterMs: 15 * MIN - 2_000 });
    now = T0 + 15 * MIN;
    assert.deepEqual(await b.check('ip'), { allowed: true }, 'the first failure left the window');
    await b.succeed('ip');
    now += 1;
    assert.equal((await shared().throttleHits('page_password', 'ip', 0, 10)).length, 0);
  });

  test('last push: the newest one is kept per monitor', async () => {
    await shared().recordPush('job', { receivedAt: T0, status: 'up', pingMs: 12.5 });
    await shared().recordPush('job', { receivedAt: T0 + 10, status: 'down', msg: 'disk full' });
    await shared().recordPush('job', { receivedAt: T0 + 5, status: 'up' }); // late, older: ignored
    await shared().recordPush('other', { receivedAt: T0 + 1, status: 'up' });
    const last = await shared().lastPushes(['job', 'other', 'never']);
    assert.deepEqual(Object.fromEntries(last), {
      job: { receivedAt: T0 + 10, status: 'down', msg: 'disk full' },
      other: { receivedAt: T0 + 1, status: 'up' },
    });
  });

  test('notice marks: written with a batch, the larger value wins, expired ones pruned', async () => {
    await h.store.syncConfig({ monitors: [monitorConfig('api')], components: [] }, T0);
    const mark = (notice: string, value: number, expiresAt: number) => ({ monitorId: 'api', notice, value, expiresAt });
    await h.store.commitBatch(
      batch({ noticeMarks: [mark('reminder:ops:1', 1, T0 + 100), mark('cert:x', 1, T0 + 50)] }),
    );
    await h.store.commitBatch(
      batch({ noticeMarks: [mark('reminder:ops:1', 3, T0 + 200), mark('reminder:ops:1', 2, T0)] }),
    );
    await h.store.commitBatch(batch({ noticeMarks: [mark('reminder:ops:1', 2, T0 + 300)] }));
    const marks = await shared().noticeMarks(['api', 'none']);
    assert.deepEqual(Object.fromEntries(marks.get('api') ?? []), { 'reminder:ops:1': 3, 'cert:x': 1 });
    assert.equal(marks.has('none'), false);
    assert.equal(await shared().pruneNoticeMarks(T0 + 60), 1, 'the certificate mark');
    assert.deepEqual([...(await shared().noticeMarks(['api'])).get('api')!.keys()], ['reminder:ops:1']);
  });
});
