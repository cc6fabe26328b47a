import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ComponentStatus } from '../../src/domain/statuses.ts';
import type { ResultBatch } from '../../src/store/store.ts';
import { batch, DAY, failure, incident, incidentUpdate, monitorState, result, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('transactions', (h) => {
  const valid: ResultBatch = batch({
    results: [result('tx', T0), failure('tx', T0 + 1)],
    states: [monitorState('tx', { status: 'down' })],
    statusChanges: [{ monitorId: 'tx', from: 'up', to: 'down', at: T0 + 1, reason: 'boom' }],
    incidents: [
      incident('inctx0000001', { componentIds: ['c'], updates: [incidentUpdate('updtx0000001', 'inctx0000001', T0)] }),
    ],
    componentStatuses: [{ componentId: 'c', status: 'major_outage', since: T0 }],
  });

  test('a batch with an invalid row writes nothing at all', async () => {
    await h.addMonitors(['tx']);
    const invalid = {
      ...valid,
      componentStatuses: [
        ...valid.componentStatuses,
        { componentId: 'd', status: 'on_fire' as ComponentStatus, since: T0 },
      ],
    };
    await assert.rejects(h.store.commitBatch(invalid));

    assert.deepEqual(await h.store.listResults('tx', { from: 0, to: T0 + DAY, limit: 10 }), []);
    assert.deepEqual(await h.store.listRollups(['tx'], 'hour', { from: 0, to: T0 + DAY }), []);
    assert.deepEqual(await h.store.listRollups(['tx'], 'day', { from: 0, to: T0 + DAY }), []);
    assert.deepEqual(await h.store.loadMonitorStates(), []);
    assert.deepEqual(await h.store.listStatusChanges('tx', { from: 0, to: T0 + DAY }), []);
    assert.deepEqual(await h.store.listIncidents({ limit: 10 }), []);
    assert.deepEqual(await h.store.loadComponentStatuses(), []);
  });

  test('the same batch, valid, then commits whole', async () => {
    await h.store.commitBatch(valid);
    assert.equal((await h.store.listResults('tx', { from: 0, to: T0 + DAY, limit: 10 })).length, 2);
    assert.equal((await h.store.listRollups(['tx'], 'day', { from: 0, to: T0 + DAY }))[0]?.checks, 2);
    assert.equal((await h.store.loadMonitorStates()).length, 1);
    assert.equal((await h.store.listStatusChanges('tx', { from: 0, to: T0 + DAY })).length, 1);
    assert.equal((await h.store.listIncidents({ limit: 10 }))[0]?.updates.length, 1);
    assert.equal((await h.store.loadComponentStatuses()).length, 1);
  });

  test('an empty batch is a no-op', async () => {
    await h.store.commitBatch(batch({}));
  });
});
