import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { configSchema } from '../../../config/schema.ts';
import { openStore } from '../../../store/open-store.ts';
import type { RecordedResult, Store } from '../../../store/store.ts';
import { RollupWindow } from './rollup-window.ts';

const HOUR = 3_600_000;
let dir: string;
let store: Store;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pharos-window-'));
  store = await openStore(`sqlite:${join(dir, 'w.db')}`);
  await store.migrate();
  const config = configSchema.parse({
    monitors: ['a', 'b'].map((id) => ({ id, type: 'tcp', host: '127.0.0.1', port: 1 })),
  });
  await store.syncConfig({ monitors: [...config.monitors], components: [] }, 0);
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const result = (monitorId: string, startedAt: number, ok = true): RecordedResult => ({
  monitorId,
  startedAt,
  latencyMs: 10,
  ok,
  degraded: false,
  maintenance: false,
  statusCode: 200,
  error: ok ? null : 'x',
});
const write = (results: RecordedResult[]) =>
  store.commitBatch({ results, states: [], statusChanges: [], incidents: [], componentStatuses: [] });

test('a refresh reads only open buckets and still equals a full read, as time moves on', async () => {
  const t0 = Date.UTC(2026, 10, 20, 0, 0, 0);
  await write(Array.from({ length: 48 }, (_, i) => result(i % 2 ? 'a' : 'b', t0 + i * HOUR, i % 7 !== 0)));
  const window = new RollupWindow('hour', HOUR);
  const from = t0 - 24 * HOUR;
  const check = async (now: number) => {
    const cached = await window.refresh(store, ['a', 'b'], from, now);
    const full = await store.listRollups(['a', 'b'], 'hour', { from, to: now + HOUR });
    for (const id of ['a', 'b'])
      assert.deepEqual(
        cached.get(id),
        full.filter((r) => r.monitorId === id),
        `${id} at ${new Date(now).toISOString()}`,
      );
  };
  let now = t0 + 47 * HOUR + 60_000;
  await check(now);
  // later results, including one late into the previous hour
  await write([result('a', now + 1000, false), result('b', now - HOUR + 5)]);
  await check(now + 2000);
  now += 3 * HOUR;
  await write([result('a', now), result('b', now - 2 * HOUR)]);
  await check(now);
  await check(now + 30 * HOUR); // the window slides: old buckets drop out
});
