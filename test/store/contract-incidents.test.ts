import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batch, HOUR, incident, incidentUpdate, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('incidents', (h) => {
  const opened = incident('inc000000001', {
    componentIds: ['db', 'api'],
    updates: [
      incidentUpdate('upd000000001', 'inc000000001', T0, {
        body: 'Looking into it',
        affectedComponents: [{ componentId: 'db', oldStatus: 'operational', newStatus: 'major_outage' }],
      }),
      // same millisecond: the array order is kept
      incidentUpdate('upd000000000', 'inc000000001', T0, { status: 'identified', body: 'Disk full' }),
    ],
  });

  test('an incident round-trips with its components (in order) and updates (oldest first)', async () => {
    await h.store.commitBatch(batch({ incidents: [opened] }));
    assert.deepEqual(await h.store.getIncident(opened.id), opened);
    assert.deepEqual(await h.store.loadOpenIncidents(), [opened]);
    assert.equal(await h.store.getIncident('nope'), undefined);
  });

  test('a later version replaces fields and components; stored updates are kept, new ones added', async () => {
    const first = opened.updates[0];
    assert.ok(first);
    const resolved = {
      ...opened,
      status: 'resolved' as const,
      impact: 'minor' as const,
      componentIds: ['api'],
      updatedAt: T0 + HOUR,
      resolvedAt: T0 + HOUR,
      updates: [
        { ...first, body: 'edited later (ignored: updates are immutable)' },
        ...opened.updates.slice(1),
        incidentUpdate('upd000000002', opened.id, T0 + HOUR, { status: 'resolved', body: 'Fixed' }),
      ],
    };
    await h.store.commitBatch(batch({ incidents: [resolved] }));
    const back = await h.store.getIncident(opened.id);
    assert.deepEqual(back, { ...resolved, updates: [first, ...resolved.updates.slice(1)] });
    assert.deepEqual(await h.store.loadOpenIncidents(), []);
  });

  test('listIncidents: most recent first, limit, before', async () => {
    const more = [1, 2, 3].map((n) =>
      incident(`inc00000000${n + 1}`, {
        createdAt: T0 + n * HOUR,
        updatedAt: T0 + n * HOUR,
        source: 'manual',
        impact: 'none',
      }),
    );
    await h.store.commitBatch(batch({ incidents: more }));
    const ids = (list: { id: string }[]) => list.map((i) => i.id);
    assert.deepEqual(ids(await h.store.listIncidents({ limit: 10 })), [
      'inc000000004',
      'inc000000003',
      'inc000000002',
      'inc000000001',
    ]);
    assert.deepEqual(ids(await h.store.listIncidents({ limit: 2 })), ['inc000000004', 'inc000000003']);
    assert.deepEqual(ids(await h.store.listIncidents({ limit: 2, before: T0 + 3 * HOUR })), [
      'inc000000003',
      'inc000000002',
    ]);
    assert.deepEqual(ids(await h.store.listIncidents({ limit: 10, before: T0 + 1 })), ['inc000000001']);
    assert.deepEqual(ids(await h.store.loadOpenIncidents()), ['inc000000004', 'inc000000003', 'inc000000002']);
    const [latest] = await h.store.listIncidents({ limit: 1 });
    assert.deepEqual(latest, more[2]);
  });
});
