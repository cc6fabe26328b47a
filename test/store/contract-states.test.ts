import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batch, DAY, HOUR, monitorState, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('states', (h) => {
  test('monitor states round-trip; the latest write wins', async () => {
    await h.addMonitors(['s-a', 's-b']);
    const a1 = monitorState('s-a', {
      status: 'up',
      consecutivePasses: 3,
      consecutiveClean: 3,
      lastCheckAt: T0,
      statusSince: T0 - HOUR,
      lastLatencyMs: 42,
    });
    const b1 = monitorState('s-b');
    await h.store.commitBatch(batch({ states: [a1, b1] }));
    assert.deepEqual(await h.store.loadMonitorStates(), [a1, b1]);

    const a2 = monitorState('s-a', {
      status: 'down',
      consecutiveFailures: 2,
      consecutivePasses: 0,
      consecutiveDegraded: 0,
      consecutiveClean: 0,
      lastCheckAt: T0 + 1_000,
      statusSince: T0 + 1_000,
      lastError: 'connect ECONNREFUSED',
      lastLatencyMs: null,
    });
    const a3 = { ...a2, consecutiveFailures: 3_000_000_000 };
    await h.store.commitBatch(batch({ states: [a2, a3] }));
    assert.deepEqual(await h.store.loadMonitorStates(), [a3, b1]);
  });

  test('component statuses: upsert, the latest wins', async () => {
    await h.store.commitBatch(
      batch({
        componentStatuses: [
          { componentId: 'api', status: 'operational', since: T0 },
          { componentId: 'db', status: 'partial_outage', since: T0 },
          { componentId: 'db', status: 'major_outage', since: T0 + 1 },
        ],
      }),
    );
    await h.store.commitBatch(
      batch({ componentStatuses: [{ componentId: 'api', status: 'under_maintenance', since: T0 + 2 }] }),
    );
    assert.deepEqual(await h.store.loadComponentStatuses(), [
      { componentId: 'api', status: 'under_maintenance', since: T0 + 2 },
      { componentId: 'db', status: 'major_outage', since: T0 + 1 },
    ]);
  });

  test('status changes are appended and listed oldest first within [from, to)', async () => {
    await h.addMonitors(['sc', 'sc-other']);
    const changes = [
      { monitorId: 'sc', from: 'unknown', to: 'up', at: T0, reason: null },
      { monitorId: 'sc', from: 'up', to: 'down', at: T0 + 60_000, reason: 'timeout after 10000 ms' },
      { monitorId: 'sc-other', from: 'unknown', to: 'down', at: T0 + 1, reason: 'dns' },
    ] as const;
    await h.store.commitBatch(batch({ statusChanges: [...changes] }));
    await h.store.commitBatch(
      batch({
        statusChanges: [{ monitorId: 'sc', from: 'down', to: 'degraded', at: T0 + 120_000, reason: '2300 ms' }],
      }),
    );
    const all = await h.store.listStatusChanges('sc', { from: T0, to: T0 + HOUR });
    assert.deepEqual(all, [
      changes[0],
      changes[1],
      { monitorId: 'sc', from: 'down', to: 'degraded', at: T0 + 120_000, reason: '2300 ms' },
    ]);
    assert.deepEqual(await h.store.listStatusChanges('sc', { from: T0 + 1, to: T0 + 120_000 }), [changes[1]]);
    assert.deepEqual(await h.store.listStatusChanges('nobody', { from: T0, to: T0 + HOUR }), []);
    const everyone = (await h.store.listAllStatusChanges({ from: T0, to: T0 + 120_000 })).filter((c) =>
      c.monitorId.startsWith('sc'),
    );
    assert.deepEqual(
      everyone.map(({ id: _id, ...c }) => c),
      [changes[0], changes[2], changes[1]],
    );
  });

  test('status changes recorded after an id: in the order recorded, at or after `from`, a limited number at a time', async () => {
    await h.addMonitors(['ra', 'rb']);
    const before = await h.store.lastStatusChangeId();
    const first = [
      { monitorId: 'ra', from: 'unknown', to: 'up', at: T0 + 5_000, reason: null },
      { monitorId: 'rb', from: 'unknown', to: 'down', at: T0 - 10 * HOUR, reason: 'held back by an outage' },
    ] as const;
    await h.store.commitBatch(batch({ statusChanges: [...first] }));
    const second = { monitorId: 'ra', from: 'up', to: 'down', at: T0 + 1_000, reason: 'late' } as const;
    await h.store.commitBatch(batch({ statusChanges: [second] }));
    const last = await h.store.lastStatusChangeId();
    assert.ok(last >= before + 3);

    const all = await h.store.listStatusChangesRecordedAfter({ afterId: before, from: T0 - DAY, limit: 10 });
    assert.deepEqual(
      all.map(({ id: _id, ...c }) => c),
      [first[0], first[1], second],
      'in the order recorded, whatever their times',
    );
    assert.deepEqual(
      all.map((c) => c.id),
      [...all.map((c) => c.id)].sort((a, b) => a - b),
    );
    assert.equal(all.at(-1)!.id, last);
    const recent = await h.store.listStatusChangesRecordedAfter({ afterId: before, from: T0, limit: 10 });
    assert.deepEqual(
      recent.map((c) => c.reason),
      [null, 'late'],
      'older than `from`: left out',
    );
    const page = await h.store.listStatusChangesRecordedAfter({ afterId: before, from: T0 - DAY, limit: 2 });
    assert.equal(page.length, 2);
    const rest = await h.store.listStatusChangesRecordedAfter({ afterId: page[1]!.id, from: T0 - DAY, limit: 2 });
    assert.deepEqual(
      rest.map((c) => c.reason),
      ['late'],
    );
    assert.deepEqual(await h.store.listStatusChangesRecordedAfter({ afterId: last, from: 0, limit: 10 }), []);
  });
});
