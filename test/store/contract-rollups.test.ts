import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batch, DAY, failure, HOUR, MINUTE, result, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('rollups', (h) => {
  test('hourly and daily rollups count checks, failures, degraded and maintenance apart, merged across batches', async () => {
    await h.addMonitors(['roll']);
    await h.store.commitBatch(
      batch({
        results: [
          result('roll', T0 + 10 * MINUTE, { latencyMs: 100 }),
          result('roll', T0 + 20 * MINUTE, { latencyMs: 300, degraded: true }),
          failure('roll', T0 + 30 * MINUTE),
        ],
      }),
    );
    await h.store.commitBatch(
      batch({
        results: [
          result('roll', T0 + 40 * MINUTE, { latencyMs: 1_000, maintenance: true }),
          result('roll', T0 + HOUR + 5 * MINUTE, { latencyMs: 50 }),
          result('roll', T0 + DAY + MINUTE, { latencyMs: 70 }),
        ],
      }),
    );

    const hours = await h.store.listRollups(['roll'], 'hour', { from: T0, to: T0 + 2 * DAY });
    assert.deepEqual(hours, [
      {
        monitorId: 'roll',
        granularity: 'hour',
        bucketStart: T0,
        checks: 4,
        failures: 1,
        degraded: 1,
        maintenance: 1,
        latencyMinMs: 100,
        latencyAvgMs: 200,
        latencyMaxMs: 300,
        latencyP95Ms: 300,
      },
      {
        monitorId: 'roll',
        granularity: 'hour',
        bucketStart: T0 + HOUR,
        checks: 1,
        failures: 0,
        degraded: 0,
        maintenance: 0,
        latencyMinMs: 50,
        latencyAvgMs: 50,
        latencyMaxMs: 50,
        latencyP95Ms: 50,
      },
      {
        monitorId: 'roll',
        granularity: 'hour',
        bucketStart: T0 + DAY,
        checks: 1,
        failures: 0,
        degraded: 0,
        maintenance: 0,
        latencyMinMs: 70,
        latencyAvgMs: 70,
        latencyMaxMs: 70,
        latencyP95Ms: 70,
      },
    ]);
    const days = await h.store.listRollups(['roll'], 'day', { from: T0, to: T0 + 2 * DAY });
    assert.deepEqual(days, [
      {
        monitorId: 'roll',
        granularity: 'day',
        bucketStart: T0,
        checks: 5,
        failures: 1,
        degraded: 1,
        maintenance: 1,
        latencyMinMs: 50,
        latencyAvgMs: 150,
        latencyMaxMs: 300,
        latencyP95Ms: 300,
      },
      {
        monitorId: 'roll',
        granularity: 'day',
        bucketStart: T0 + DAY,
        checks: 1,
        failures: 0,
        degraded: 0,
        maintenance: 0,
        latencyMinMs: 70,
        latencyAvgMs: 70,
        latencyMaxMs: 70,
        latencyP95Ms: 70,
      },
    ]);
    // [from, to) on the bucket start
    assert.deepEqual(
      (await h.store.listRollups(['roll'], 'hour', { from: T0 + 1, to: T0 + DAY })).map((r) => r.bucketStart),
      [T0 + HOUR],
    );
  });

  test('p95 comes from the merged histogram', async () => {
    await h.addMonitors(['p95']);
    const latencies = Array.from({ length: 100 }, (_, i) => i + 1);
    // two batches, so the second merges into the stored histogram
    await h.store.commitBatch(
      batch({ results: latencies.slice(0, 50).map((ms, i) => result('p95', T0 + i * 1_000, { latencyMs: ms })) }),
    );
    await h.store.commitBatch(
      batch({ results: latencies.slice(50).map((ms, i) => result('p95', T0 + (50 + i) * 1_000, { latencyMs: ms })) }),
    );
    const [hour] = await h.store.listRollups(['p95'], 'hour', { from: T0, to: T0 + HOUR });
    assert.equal(hour?.checks, 100);
    assert.equal(hour?.latencyAvgMs, 50.5);
    assert.ok(
      hour?.latencyP95Ms !== null &&
        hour?.latencyP95Ms !== undefined &&
        hour.latencyP95Ms >= 90 &&
        hour.latencyP95Ms <= 100,
      `p95 ${hour?.latencyP95Ms}`,
    );
  });

  test('a rollup of failures only has no latency figures', async () => {
    await h.addMonitors(['dead']);
    await h.store.commitBatch(batch({ results: [failure('dead', T0), failure('dead', T0 + MINUTE)] }));
    const [hour] = await h.store.listRollups(['dead'], 'hour', { from: T0, to: T0 + HOUR });
    assert.deepEqual(hour, {
      monitorId: 'dead',
      granularity: 'hour',
      bucketStart: T0,
      checks: 2,
      failures: 2,
      degraded: 0,
      maintenance: 0,
      latencyMinMs: null,
      latencyAvgMs: null,
      latencyMaxMs: null,
      latencyP95Ms: null,
    });
  });

  test('several monitors: oldest first, then by monitor id; unknown ids are ignored', async () => {
    await h.addMonitors(['m-b', 'm-a']);
    await h.store.commitBatch(batch({ results: [result('m-b', T0), result('m-a', T0 + HOUR), result('m-a', T0)] }));
    const rows = await h.store.listRollups(['m-b', 'm-a', 'm-none'], 'hour', { from: T0, to: T0 + DAY });
    assert.deepEqual(
      rows.map((r) => [r.bucketStart - T0, r.monitorId]),
      [
        [0, 'm-a'],
        [0, 'm-b'],
        [HOUR, 'm-a'],
      ],
    );
    assert.deepEqual(await h.store.listRollups([], 'hour', { from: T0, to: T0 + DAY }), []);
  });

  test('counters above 2^31 survive a merge and read back exactly', async () => {
    await h.addMonitors(['big']);
    const db = h.database();
    const { key } = await db.selectFrom('monitors').select('key').where('id', '=', 'big').executeTakeFirstOrThrow();
    await db
      .insertInto('rollups')
      .values({
        monitor_key: key,
        granularity: 'hour',
        bucket_start: T0,
        checks: 3_000_000_000,
        failures: 1_000_000_000,
        degraded: 2_200_000_000,
        maintenance: 0,
        latency_count: 2_000_000_000,
        latency_sum: 200_000_000_000,
        latency_min: 100,
        latency_max: 100,
        latency_histogram: Buffer.alloc(0),
      })
      .execute();
    await h.store.commitBatch(
      batch({ results: [result('big', T0 + MINUTE, { latencyMs: 100 }), failure('big', T0 + 2 * MINUTE)] }),
    );
    const [hour] = await h.store.listRollups(['big'], 'hour', { from: T0, to: T0 + HOUR });
    assert.equal(hour?.checks, 3_000_000_002);
    assert.equal(hour?.failures, 1_000_000_001);
    assert.equal(hour?.degraded, 2_200_000_000);
    assert.equal(hour?.latencyAvgMs, 100);
    const figures = await h.store.uptime('big', { from: T0, to: T0 + HOUR });
    assert.deepEqual(figures, {
      checks: 3_000_000_002,
      failures: 1_000_000_001,
      maintenance: 0,
      uptime: 2_000_000_001 / 3_000_000_002,
    });
  });
});
