import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewOutboxRow } from '../../src/store/outbox-store.ts';
import { prune } from '../../src/store/prune.ts';
import {
  batch,
  componentConfig,
  incident,
  incidentUpdate,
  monitorConfig,
  monitorState,
  result,
  T0,
} from './fixtures.ts';
import { forEachStore } from './stores.ts';

/**
 * No statement grows with the number of objects: every bulk operation of the store, given 100,000 ids, stays under
 * SQLite's 32,766 and PostgreSQL's 65,535 bound parameters (one statement per id list failed with "too many SQL
 * variables" from about 8,000 lease units on). One case per operation; they build on each other's rows.
 */
const N = 100_000;
const ids = (prefix: string, n = N) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
const monitors = ids('m');
const units = monitors.map((m) => `m:${m}`);
const TTL = 10_000;

forEachStore('bulk operations with 100,000 ids', (h) => {
  test('syncConfig upserts 100,000 monitors and components; loads list them', async () => {
    const components = ids('c').map((c, i) => componentConfig(c, [monitors[i] as string]));
    await h.store.syncConfig(
      {
        monitors: monitors.map((m) => monitorConfig(m)),
        components,
        catalog: [{ kind: 'group', objects: ids('g').map((id) => ({ id, name: id })) }],
      },
      T0,
    );
    assert.equal((await h.store.listMonitors()).length, N);
    assert.equal((await h.store.listComponents()).length, N);
    assert.equal((await h.store.admin.listCatalog('group')).length, N);
  });

  test('commitBatch writes 100,000 results, rollups, states, status changes, component statuses and outbox rows', async () => {
    const at = T0 + 1_000;
    const notifications: NewOutboxRow[] = monitors.map((m) => outboxRow(m, at));
    await h.store.commitBatch(
      batch({
        results: monitors.map((m) => result(m, at)),
        states: monitors.map((m) => monitorState(m, { status: 'up', lastCheckAt: at })),
        statusChanges: monitors.map((m) => ({
          monitorId: m,
          at,
          from: 'unknown' as const,
          to: 'up' as const,
          reason: 'first check',
        })),
        componentStatuses: ids('c').map((c) => ({ componentId: c, status: 'operational' as const, since: at })),
        notifications,
      }),
    );
    assert.equal((await h.store.loadMonitorStates()).length, N);
    assert.equal((await h.store.loadComponentStatuses()).length, N);
    assert.equal((await h.store.listRollups(monitors, 'hour', { from: T0, to: T0 + 3_600_000 })).length, N);
    assert.equal((await h.store.outbox.stats(at)).pending, N);
  });

  test('the outbox claims among 100,000 targets and marks sent among 100,000 ids', async () => {
    const now = T0 + 5_000;
    const claimed = await h.store.outbox.claimDue(now, {
      limit: 100,
      leaseMs: 60_000,
      claimant: 'bulk',
      targetIds: monitors,
    });
    assert.equal(claimed.length, 100);
    // every id asked about; only the claimed ones are this claimant's to mark
    assert.equal(
      await h.store.outbox.markManySent(
        monitors.map((m) => outboxRow(m, 0).id),
        'bulk',
        now,
        200,
      ),
      100,
    );
  });

  test('leases: claim, held, renew and release 100,000 units', async () => {
    const leases = h.store.leases;
    assert.equal((await leases.claim('bulk-a', units, T0, TTL)).length, N);
    assert.equal((await leases.claim('bulk-b', units, T0 + 1, TTL)).length, 0, 'all held by bulk-a');
    assert.equal((await leases.held('bulk-a', units)).length, N);
    assert.equal((await leases.renew('bulk-a', T0 + 2, TTL)).length, N);
    await leases.release('bulk-a', units);
    assert.equal((await leases.held('bulk-a', units)).length, 0);
    assert.equal((await leases.claim('bulk-b', units, T0 + 3, TTL)).length, N, 'released units are free');
  });

  test('incidents with 100,000 components and updates are written, read back and trimmed', async () => {
    const components = ids('c');
    const updates = ids('u').map((u) => incidentUpdate(u, 'bulk-incident', T0));
    const big = incident('bulk-incident', { componentIds: components, updates });
    await h.store.commitBatch(batch({ incidents: [big] }));
    const back = await h.store.getIncident(big.id);
    assert.equal(back?.componentIds.length, N);
    assert.equal(back?.updates.length, N);
    // a person's edit keeps one update: the other 99,999 are deleted
    await h.store.admin.saveIncident({ ...big, componentIds: components.slice(0, 1), updates: updates.slice(0, 1) });
    const edited = await h.store.getIncident(big.id);
    assert.equal(edited?.componentIds.length, 1);
    assert.equal(edited?.updates.length, 1);
  });

  test('syncConfig without them archives 100,000 monitors, components and groups', async () => {
    const outcome = await h.store.syncConfig(
      { monitors: [], components: [], catalog: [{ kind: 'group', objects: [] }] },
      T0 + 10_000,
    );
    assert.equal(outcome.archivedMonitors.length, N);
    assert.equal(outcome.archivedComponents.length, N);
    assert.equal(outcome.archived?.group?.length, N);
    assert.equal((await h.store.listMonitors()).length, 0);
  });

  test('retention prunes the results and rollups of 100,000 monitors in groups, not per monitor', async () => {
    let statements = 0;
    const db = h.database().withPlugin({
      transformQuery: (args) => ((statements += 1), args.node),
      transformResult: async (args) => args.result,
    });
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const pruned = await prune({ db, dialect: h.kind, logger: silent }, T0 + 10 * 86_400_000, {
      rawMs: 86_400_000,
      rollupMs: 86_400_000,
    });
    // one result each (commitBatch above), an hour and a day rollup each
    assert.deepEqual(pruned, { results: N, rollups: 2 * N });
    assert.ok(statements < 2_000, `${statements} statements for ${N} monitors`);
  });
});

function outboxRow(targetId: string, at: number): NewOutboxRow {
  return {
    id: `bulk:channel:${targetId}`,
    eventId: 'bulk',
    eventType: 'monitor.up',
    targetKind: 'channel',
    targetId,
    event: { id: 'bulk', type: 'monitor.up', at, pageUrl: 'https://status.example.com', components: [] },
    createdAt: at,
    nextAttemptAt: at,
  };
}
