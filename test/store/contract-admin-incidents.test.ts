import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../../src/domain/incident.ts';
import { batch, HOUR, incident, incidentUpdate, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('admin: incidents', (h) => {
  const id = 'man000000001';
  const written: Incident = incident(id, {
    source: 'manual',
    componentIds: ['api', 'db'],
    updates: [
      incidentUpdate('mup000000001', id, T0, {
        body: 'Looking into it',
        affectedComponents: [{ componentId: 'api', oldStatus: 'operational', newStatus: 'partial_outage' }],
      }),
      incidentUpdate('mup000000002', id, T0 + HOUR, { status: 'identified', body: 'Found it' }),
      incidentUpdate('mup000000003', id, T0 + 2 * HOUR, { status: 'monitoring', body: 'Fix deployed' }),
    ],
  });

  test('saveIncident inserts an incident that getIncident and listIncidents read back whole', async () => {
    await h.store.admin.saveIncident(written);
    assert.deepEqual(await h.store.getIncident(id), written);
    assert.deepEqual(await h.store.admin.getIncident(id), written);
    assert.deepEqual(await h.store.listIncidents({ limit: 5 }), [written]);
  });

  test('saveIncident replaces it whole: fields, components, an edited body, a deleted update, a postmortem, a take-over', async () => {
    const [first, , third] = written.updates;
    assert.ok(first && third);
    const edited: Incident = {
      ...written,
      name: 'Database failover',
      status: 'resolved',
      impact: 'minor',
      componentIds: ['db'],
      updatedAt: T0 + 3 * HOUR,
      resolvedAt: T0 + 3 * HOUR,
      updates: [
        { ...first, body: 'Looking into it (edited)' },
        third,
        incidentUpdate('mup000000004', id, T0 + 3 * HOUR, { status: 'resolved', body: 'Done' }),
      ],
      postmortem: { body: '## What happened', publishedAt: T0 + 4 * HOUR },
      takenOverBy: 'u1',
    };
    await h.store.admin.saveIncident(edited);
    assert.deepEqual(await h.store.getIncident(id), edited);

    const cleared: Incident = { ...edited, postmortem: null, takenOverBy: null, componentIds: [], updates: [] };
    await h.store.admin.saveIncident(cleared);
    assert.deepEqual(await h.store.getIncident(id), cleared);
  });

  test('a take-over and a postmortem survive the engine writing an older copy in a batch; new updates are still added', async () => {
    const autoId = 'aut000000001';
    const opened = incident(autoId, { componentIds: ['api'], updates: [incidentUpdate('aup000000001', autoId, T0)] });
    await h.store.commitBatch(batch({ incidents: [opened] }));
    const takenOver: Incident = { ...opened, takenOverBy: 'u2', postmortem: { body: 'notes', publishedAt: T0 + 1 } };
    await h.store.admin.saveIncident(takenOver);

    // the engine's copy predates the take-over
    const stale: Incident = {
      ...opened,
      updatedAt: T0 + 1,
      updates: [...opened.updates, incidentUpdate('aup000000002', autoId, T0 + 1)],
    };
    await h.store.commitBatch(batch({ incidents: [stale] }));
    const back = await h.store.getIncident(autoId);
    assert.equal(back?.takenOverBy, 'u2');
    assert.deepEqual(back?.postmortem, { body: 'notes', publishedAt: T0 + 1 });
    assert.deepEqual(
      back?.updates.map((u) => u.id),
      ['aup000000001', 'aup000000002'],
    );

    // a batch that carries them writes them
    const fromBatch = incident('aut000000002', { takenOverBy: 'u3', postmortem: { body: 'pm', publishedAt: T0 } });
    await h.store.commitBatch(batch({ incidents: [fromBatch] }));
    assert.deepEqual(await h.store.getIncident(fromBatch.id), fromBatch);
  });

  test('deleteIncident removes the incident with its updates and components; others stay', async () => {
    const other = incident('man000000002', {
      source: 'manual',
      componentIds: ['api'],
      updates: [incidentUpdate('mup000000010', 'man000000002', T0)],
    });
    await h.store.admin.saveIncident(other);
    await h.store.admin.saveIncident(written);
    await h.store.admin.deleteIncident(id);
    await h.store.admin.deleteIncident('never-existed');
    assert.equal(await h.store.getIncident(id), undefined);
    assert.deepEqual(await h.store.getIncident(other.id), other);

    const db = h.database();
    assert.deepEqual(await db.selectFrom('incident_updates').select('id').where('incident_id', '=', id).execute(), []);
    assert.deepEqual(
      await db.selectFrom('incident_components').select('component_id').where('incident_id', '=', id).execute(),
      [],
    );
  });

  test('saveIncident inside a transaction rolls back with it', async () => {
    const doomed = incident('man000000003', {
      source: 'manual',
      updates: [incidentUpdate('mup000000020', 'man000000003', T0)],
    });
    await assert.rejects(
      h.store.admin.transaction(async (tx) => {
        await tx.saveIncident(doomed);
        assert.deepEqual(await tx.getIncident(doomed.id), doomed);
        throw new Error('no');
      }),
      /no/,
    );
    assert.equal(await h.store.getIncident(doomed.id), undefined);
  });
});
