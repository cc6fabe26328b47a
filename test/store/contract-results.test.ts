import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_STORED_ERROR_LENGTH } from '../../src/store/result-row.ts';
import { batch, failure, HOUR, MINUTE, result, resultsEvery, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('results', (h) => {
  test('every field of a result round-trips; the error is kept for failures only', async () => {
    await h.addMonitors(['rt']);
    const stored = [
      result('rt', T0, { latencyMs: 123, statusCode: 200 }),
      result('rt', T0 + 1, { degraded: true, latencyMs: 2_500, statusCode: 200 }),
      result('rt', T0 + 2, { maintenance: true, ok: false, statusCode: 503, error: 'down for maintenance' }),
      failure('rt', T0 + 3, 'timeout after 10000 ms'),
      result('rt', T0 + 4, { statusCode: null, latencyMs: 0 }),
    ];
    await h.store.commitBatch(batch({ results: [...stored, result('rt', T0 + 5, { error: 'ignored when ok' })] }));
    const back = await h.store.listResults('rt', { from: T0, to: T0 + 5, limit: 10 });
    assert.deepEqual(back, [...stored].reverse());
    const [okWithError] = await h.store.listResults('rt', { from: T0 + 5, to: T0 + 6, limit: 10 });
    assert.equal(okWithError?.error, null);
  });

  test('latency is stored in whole ms, a long error is cut, odd values are tamed', async () => {
    await h.addMonitors(['cut']);
    await h.store.commitBatch(
      batch({
        results: [
          result('cut', T0, { latencyMs: 12.6 }),
          failure('cut', T0 + 1, 'x'.repeat(5_000)),
          result('cut', T0 + 2, { latencyMs: Number.NaN, statusCode: 70_000 }),
        ],
      }),
    );
    const [odd, fail, ok] = await h.store.listResults('cut', { from: T0, to: T0 + HOUR, limit: 10 });
    assert.equal(ok?.latencyMs, 13);
    assert.equal(fail?.error?.length, MAX_STORED_ERROR_LENGTH);
    assert.deepEqual(
      [odd?.latencyMs, odd?.statusCode],
      [0, null],
      'what the columns cannot hold does not fail the batch',
    );
  });

  test('most recent first, within [from, to), at most limit', async () => {
    await h.addMonitors(['order', 'other']);
    await h.store.commitBatch(
      batch({ results: [...resultsEvery('order', T0, MINUTE, 10), ...resultsEvery('other', T0, MINUTE, 10)] }),
    );
    const page = await h.store.listResults('order', { from: T0 + 2 * MINUTE, to: T0 + 8 * MINUTE, limit: 3 });
    assert.deepEqual(
      page.map((r) => (r.startedAt - T0) / MINUTE),
      [7, 6, 5],
    );
    assert.ok(page.every((r) => r.monitorId === 'order'));
    const all = await h.store.listResults('order', { from: T0 + 2 * MINUTE, to: T0 + 8 * MINUTE, limit: 100 });
    assert.deepEqual(
      all.map((r) => (r.startedAt - T0) / MINUTE),
      [7, 6, 5, 4, 3, 2],
    );
    assert.deepEqual(await h.store.listResults('order', { from: T0, to: T0 + HOUR, limit: 0 }), []);
    assert.deepEqual(await h.store.listResults('nobody', { from: T0, to: T0 + HOUR, limit: 10 }), []);
  });

  test('two results of one monitor in one millisecond: the first is kept and counted once', async () => {
    await h.addMonitors(['dup']);
    await h.store.commitBatch(
      batch({ results: [result('dup', T0, { latencyMs: 10 }), result('dup', T0, { latencyMs: 20 })] }),
    );
    await h.store.commitBatch(batch({ results: [failure('dup', T0), result('dup', T0 + 1, { latencyMs: 30 })] }));
    const back = await h.store.listResults('dup', { from: T0, to: T0 + HOUR, limit: 10 });
    assert.deepEqual(
      back.map((r) => [r.startedAt - T0, r.latencyMs, r.ok]),
      [
        [1, 30, true],
        [0, 10, true],
      ],
    );
    const [hour] = await h.store.listRollups(['dup'], 'hour', { from: T0, to: T0 + HOUR });
    assert.equal(hour?.checks, 2);
    assert.equal(hour?.failures, 0);
  });

  test('a large batch is written in several statements', async () => {
    await h.addMonitors(['bulk-a', 'bulk-b']);
    const results = [...resultsEvery('bulk-a', T0, 1_000, 7_000), ...resultsEvery('bulk-b', T0, 1_000, 7_000)];
    await h.store.commitBatch(batch({ results }));
    const back = await h.store.listResults('bulk-b', { from: T0, to: T0 + 10 * HOUR, limit: 10_000 });
    assert.equal(back.length, 7_000);
    const rollups = await h.store.listRollups(['bulk-a', 'bulk-b'], 'day', { from: T0, to: T0 + HOUR });
    assert.deepEqual(
      rollups.map((r) => [r.monitorId, r.checks]),
      [
        ['bulk-a', 7_000],
        ['bulk-b', 7_000],
      ],
    );
  });

  test('rows of an unknown monitor are skipped with a warning; the rest is written', async () => {
    await h.addMonitors(['known']);
    await h.store.commitBatch(batch({ results: [result('known', T0), result('ghost', T0)] }));
    assert.equal((await h.store.listResults('known', { from: T0, to: T0 + 1, limit: 10 })).length, 1);
    assert.deepEqual(await h.store.listResults('ghost', { from: T0, to: T0 + 1, limit: 10 }), []);
    assert.ok(h.warnings.some((w) => JSON.stringify(w).includes('ghost')));
  });

  test('results of an archived monitor are still written and read', async () => {
    await h.addMonitors(['retired']);
    await h.store.syncConfig({ monitors: [], components: [] }, T0);
    await h.store.commitBatch(batch({ results: [result('retired', T0 + 5)] }));
    assert.equal((await h.store.listResults('retired', { from: T0, to: T0 + HOUR, limit: 10 })).length, 1);
  });
});
