import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batch, DAY, failure, HOUR, MINUTE, result, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

const D1 = T0 + DAY;
const D2 = T0 + 2 * DAY;

forEachStore('uptime', (h) => {
  test('whole days from daily rollups, the edges from hourly ones, maintenance left out', async () => {
    await h.addMonitors(['up']);
    const results = [
      failure('up', T0 + 22 * HOUR),
      result('up', T0 + 22 * HOUR + MINUTE),
      result('up', T0 + 23 * HOUR),
      result('up', T0 + 23 * HOUR + MINUTE),
      ...Array.from({ length: 24 }, (_, i) => (i === 5 ? failure('up', D1 + i * HOUR) : result('up', D1 + i * HOUR))),
      result('up', D1 + 6 * HOUR + MINUTE, { maintenance: true }),
      result('up', D2),
      failure('up', D2 + HOUR),
      result('up', D2 + 2 * HOUR),
    ];
    await h.store.commitBatch(batch({ results }));

    // widened to whole hours: [D0 22:00, D2 02:00)
    const range = { from: T0 + 22 * HOUR + 30 * MINUTE, to: D2 + HOUR + 30 * MINUTE };
    const expected = { checks: 31, failures: 3, maintenance: 1, uptime: 27 / 30 };
    assert.deepEqual(await h.store.uptime('up', range), expected);

    // prove which rollups answered: skew the hourly rows of the whole day and the daily rows of the edges
    const db = h.database();
    const { key } = await db.selectFrom('monitors').select('key').where('id', '=', 'up').executeTakeFirstOrThrow();
    await db
      .updateTable('rollups')
      .set({ checks: 1_000 })
      .where('monitor_key', '=', key)
      .where('granularity', '=', 'hour')
      .where('bucket_start', '>=', D1)
      .where('bucket_start', '<', D2)
      .execute();
    await db
      .updateTable('rollups')
      .set({ checks: 1_000 })
      .where('monitor_key', '=', key)
      .where('granularity', '=', 'day')
      .where('bucket_start', '!=', D1)
      .execute();
    assert.deepEqual(await h.store.uptime('up', range), expected);
  });

  test('a range inside one day uses hourly rollups only', async () => {
    await h.addMonitors(['short']);
    await h.store.commitBatch(
      batch({ results: [result('short', T0 + HOUR), failure('short', T0 + 2 * HOUR), result('short', T0 + 5 * HOUR)] }),
    );
    assert.deepEqual(await h.store.uptime('short', { from: T0 + HOUR, to: T0 + 3 * HOUR }), {
      checks: 2,
      failures: 1,
      maintenance: 0,
      uptime: 0.5,
    });
    assert.deepEqual(await h.store.uptime('short', { from: T0, to: D1 }), {
      checks: 3,
      failures: 1,
      maintenance: 0,
      uptime: 2 / 3,
    });
  });

  test('nothing counted: uptime is null', async () => {
    await h.addMonitors(['quiet']);
    await h.store.commitBatch(batch({ results: [result('quiet', T0, { maintenance: true })] }));
    assert.deepEqual(await h.store.uptime('quiet', { from: T0, to: D1 }), {
      checks: 1,
      failures: 0,
      maintenance: 1,
      uptime: null,
    });
    assert.deepEqual(await h.store.uptime('quiet', { from: D1, to: D2 }), {
      checks: 0,
      failures: 0,
      maintenance: 0,
      uptime: null,
    });
    assert.deepEqual(await h.store.uptime('quiet', { from: D1, to: T0 }), {
      checks: 0,
      failures: 0,
      maintenance: 0,
      uptime: null,
    });
    assert.deepEqual(await h.store.uptime('nobody', { from: T0, to: D1 }), {
      checks: 0,
      failures: 0,
      maintenance: 0,
      uptime: null,
    });
  });
});
