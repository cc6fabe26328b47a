import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckContext, PushRecord } from '../check-type.ts';
import { defaultEgressPolicy } from '../../egress/egress-policy.ts';
import { pushCheck } from './index.ts';
import { pushCheckFields } from './schema.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const INTERVAL = 60_000;
const GRACE = 10_000;
const config = pushCheckFields.parse({ type: 'push', token: 'abcdefghijklmnop', grace: '10s' });

function context(last: PushRecord | undefined, monitorSince: number | undefined): CheckContext {
  return {
    monitorId: 'push-1',
    signal: new AbortController().signal,
    timeoutMs: 5000,
    intervalMs: INTERVAL,
    now: () => NOW,
    egress: defaultEgressPolicy().guardFor('config'),
    monitorSince,
    lastPush: (id) => (id === 'push-1' ? last : undefined),
  };
}

const push = (ageMs: number): PushRecord => ({ receivedAt: NOW - ageMs, status: 'up' });

const rows: { name: string; last?: PushRecord; sinceAgoMs?: number; error?: string }[] = [
  { name: 'a fresh push: nothing to record', last: push(5_000), sinceAgoMs: 3_600_000 },
  { name: 'a push exactly interval + grace old is still on time', last: push(INTERVAL + GRACE), sinceAgoMs: 3_600_000 },
  {
    name: 'a fresh "down" push: its own result already says so',
    last: { receivedAt: NOW - 1_000, status: 'down', msg: 'disk full' },
  },
  {
    name: 'an overdue push fails with its age',
    last: push(INTERVAL + GRACE + 1),
    sinceAgoMs: 3_600_000,
    error: 'no push received for 1m 10s',
  },
  { name: 'a long-overdue push', last: push(26 * 3_600_000), error: 'no push received for 1d 2h' },
  { name: 'never pushed, watched only briefly: grace period', sinceAgoMs: 30_000 },
  {
    name: 'never pushed, watched longer than interval + grace',
    sinceAgoMs: INTERVAL + GRACE + 1,
    error: 'no push received yet',
  },
  { name: 'never pushed and no monitorSince: overdue at once', error: 'no push received yet' },
];

for (const row of rows) {
  test(`push check: ${row.name}`, async () => {
    const since = row.sinceAgoMs === undefined ? undefined : NOW - row.sinceAgoMs;
    const probe = await pushCheck.run(config, context(row.last, since));
    if (row.error === undefined) {
      assert.equal(probe, null);
    } else {
      assert.deepEqual(probe, {
        startedAt: NOW,
        responseTimeMs: 0,
        connected: false,
        error: row.error,
        decisive: true,
      });
    }
  });
}

test('push check: a context without lastPush counts as never pushed', async () => {
  const { lastPush: _unused, ...ctx } = context(undefined, NOW - 3_600_000);
  const probe = await pushCheck.run(config, ctx);
  assert.equal(probe?.error, 'no push received yet');
});
