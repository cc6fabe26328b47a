import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRUNE_CHUNK_ROWS } from '../../src/store/prune.ts';
import { batch, DAY, HOUR, MINUTE, resultsEvery, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('prune', (h) => {
  test('deletes raw results and rollups past retention, in chunks; keeps the rest', async () => {
    await h.addMonitors(['old', 'new']);
    const oldCount = PRUNE_CHUNK_ROWS + 1_000;
    await h.store.commitBatch(
      batch({
        results: [
          ...resultsEvery('old', T0, 1_000, oldCount),
          ...resultsEvery('old', T0 + DAY, MINUTE, 10),
          ...resultsEvery('new', T0 + DAY, MINUTE, 5),
        ],
      }),
    );

    // raw results before T0 + 2h go; rollups whose bucket starts before T0 + 1h go (hour T0 and day T0)
    const pruned = await h.store.prune(T0 + DAY + 2 * HOUR, { rawMs: DAY, rollupMs: DAY + HOUR });
    assert.deepEqual(pruned, { results: oldCount, rollups: 2 });
    assert.equal((await h.store.listResults('old', { from: 0, to: T0 + 2 * DAY, limit: 100_000 })).length, 10);
    assert.equal((await h.store.listResults('new', { from: 0, to: T0 + 2 * DAY, limit: 100_000 })).length, 5);
    assert.deepEqual(
      (await h.store.listRollups(['old'], 'hour', { from: 0, to: T0 + 2 * DAY })).map((r) => r.bucketStart - T0),
      [HOUR, DAY],
    );
    assert.deepEqual(
      (await h.store.listRollups(['old'], 'day', { from: 0, to: T0 + 2 * DAY })).map((r) => r.bucketStart - T0),
      [DAY],
    );
    assert.deepEqual(await h.store.prune(T0 + DAY + 2 * HOUR, { rawMs: DAY, rollupMs: DAY + HOUR }), {
      results: 0,
      rollups: 0,
    });
  });

  test('status changes and incidents are kept forever', async () => {
    await h.addMonitors(['forever']);
    await h.store.commitBatch(
      batch({ statusChanges: [{ monitorId: 'forever', from: 'unknown', to: 'up', at: T0, reason: null }] }),
    );
    await h.store.prune(T0 + 1_000 * DAY, { rawMs: HOUR, rollupMs: DAY });
    assert.equal((await h.store.listStatusChanges('forever', { from: 0, to: T0 + DAY })).length, 1);
  });
});
