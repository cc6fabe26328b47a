import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { configSchema } from '../../../config/schema.ts';
import type { StatusChange } from '../../../domain/monitor-state.ts';
import { openStore } from '../../../store/open-store.ts';
import type { Store } from '../../../store/store.ts';
import { StatusChangeWindow } from './status-change-window.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
let dir: string;
let store: Store;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-change-window-'));
  store = await openStore(`sqlite:${join(dir, 'w.db')}`);
  await store.migrate();
  const config = configSchema.parse({
    monitors: ['a', 'b', 'lone'].map((id) => ({ id, type: 'tcp', host: '127.0.0.1', port: 1 })),
  });
  await store.syncConfig({ monitors: [...config.monitors], components: [] }, 0);
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

let flip = false;
const change = (monitorId: string, at: number): StatusChange => {
  flip = !flip;
  return { monitorId, at, from: flip ? 'up' : 'down', to: flip ? 'down' : 'up', reason: null };
};
const write = (statusChanges: StatusChange[]) =>
  store.commitBatch({ results: [], states: [], statusChanges, incidents: [], componentStatuses: [] });

/** What one read of the whole window gives: the reference a refresh must equal. */
async function fullRead(ids: string[], from: number, now: number): Promise<StatusChange[]> {
  return (await store.listAllStatusChanges({ from, to: now + 1 })).filter((c) => ids.includes(c.monitorId));
}

test('a refresh reads only what was recorded since and still equals a full read, as time moves on', async () => {
  const t0 = Date.UTC(2026, 10, 20, 0, 0, 0);
  // chunk 2: reading what was recorded since takes several statements; overlap 3: some are read again, kept once
  const window = new StatusChangeWindow({ fullReadEveryMs: HOUR, sliceMs: DAY, chunk: 2, overlap: 3 });
  const ids = ['a', 'b'];
  await write([change('a', t0 - 3 * DAY), change('lone', t0 - DAY), change('b', t0 - HOUR), change('a', t0)]);
  const check = async (from: number, now: number) =>
    assert.deepEqual(await window.refresh(store, ids, from, now), await fullRead(ids, from, now), `at ${now - t0}`);
  let now = t0 + MINUTE;
  await check(t0 - 90 * DAY, now);
  // changes since, one of them recorded long after it happened (a store outage held it back)
  await write([change('b', now + 1000), change('a', now - 2 * HOUR), change('lone', now + 2000)]);
  now += 2 * MINUTE;
  await check(t0 - 90 * DAY, now);
  now += 20 * MINUTE;
  await write([change('a', now - MINUTE), change('b', now), change('a', now - 3 * DAY + 1)]);
  await check(t0 - 90 * DAY, now);
  // the window slides: the oldest changes drop out
  await check(t0 - 2 * DAY, now + 10);
});

test('after the first read, a refresh reads by id from the newest change seen, not the whole window', async () => {
  const t0 = Date.UTC(2026, 11, 1, 0, 0, 0);
  const reads: string[] = [];
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !/StatusChange/.test(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => (reads.push(prop), (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  const window = new StatusChangeWindow({ fullReadEveryMs: HOUR, sliceMs: DAY, chunk: 1000, overlap: 0 });
  await window.refresh(counting, ['a'], t0 - 90 * DAY, t0);
  assert.equal(reads.filter((r) => r === 'listAllStatusChanges').length, 91, '90 days (and now) a day at a time');
  assert.deepEqual(reads.slice(0, 1), ['lastStatusChangeId']);
  reads.length = 0;
  await window.refresh(counting, ['a'], t0 - 90 * DAY, t0 + 5000);
  assert.deepEqual(reads, ['listStatusChangesRecordedAfter']);
  reads.length = 0;
  await window.refresh(counting, ['a', 'b'], t0 - 90 * DAY, t0 + 6000);
  assert.equal(reads.filter((r) => r === 'listAllStatusChanges').length, 91, 'other monitors shown: all again');
  reads.length = 0;
  await window.refresh(counting, ['a', 'b'], t0 - 90 * DAY, t0 + 6000 + HOUR);
  assert.equal(reads.filter((r) => r === 'listAllStatusChanges').length, 91, 'an hour on: all again');
});
