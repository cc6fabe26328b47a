import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG_KINDS, type CatalogKind } from '../../src/store/admin-store.ts';
import { DuplicateError } from '../../src/store/store-errors.ts';
import { componentConfig, monitorConfig, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

/** A valid config object for each kind (monitor and component rows are read by listMonitors/listComponents). */
function configOf(kind: CatalogKind, id: string): { id: string; [key: string]: unknown } {
  if (kind === 'monitor') return monitorConfig(id);
  if (kind === 'component') return componentConfig(id);
  return { id, name: `${kind} ${id}` };
}

forEachStore('admin: catalog', (h) => {
  for (const kind of CATALOG_KINDS) {
    test(`${kind}: put, get, list by position then id, archive, un-archive; createdAt kept on replace`, async () => {
      const a = h.store.admin;
      await a.putCatalog(kind, { id: 'b', config: configOf(kind, 'b'), managedBy: 'api', position: 1 }, T0);
      await a.putCatalog(kind, { id: 'a', config: configOf(kind, 'a'), managedBy: 'config', position: 1 }, T0 + 1);
      await a.putCatalog(kind, { id: 'z', config: configOf(kind, 'z'), managedBy: 'api', position: 0 }, T0 + 2);

      assert.deepEqual(await a.getCatalog(kind, 'b'), {
        id: 'b',
        config: configOf(kind, 'b'),
        managedBy: 'api',
        position: 1,
        createdAt: T0,
        updatedAt: T0,
        archivedAt: null,
      });
      assert.equal(await a.getCatalog(kind, 'nope'), undefined);
      assert.deepEqual(
        (await a.listCatalog(kind)).map((o) => o.id),
        ['z', 'a', 'b'],
      );

      const changed = { ...configOf(kind, 'b'), description: 'changed' };
      await a.putCatalog(kind, { id: 'b', config: changed, managedBy: 'config', position: 5 }, T0 + 10);
      assert.deepEqual(await a.getCatalog(kind, 'b'), {
        id: 'b',
        config: changed,
        managedBy: 'config',
        position: 5,
        createdAt: T0,
        updatedAt: T0 + 10,
        archivedAt: null,
      });

      await a.archiveCatalog(kind, 'a', T0 + 20);
      await a.archiveCatalog(kind, 'a', T0 + 30);
      assert.equal(await a.getCatalog(kind, 'a'), undefined);
      assert.equal(
        (await a.getCatalog(kind, 'a', { includeArchived: true }))?.archivedAt,
        T0 + 20,
        'archiving twice keeps the first time',
      );
      assert.deepEqual(
        (await a.listCatalog(kind)).map((o) => o.id),
        ['z', 'b'],
      );
      assert.deepEqual(
        (await a.listCatalog(kind, { includeArchived: true })).map((o) => [o.id, o.archivedAt]),
        [
          ['z', null],
          ['a', T0 + 20],
          ['b', null],
        ],
      );

      await a.putCatalog(kind, { id: 'a', config: configOf(kind, 'a'), managedBy: 'api', position: 1 }, T0 + 40);
      const back = await a.getCatalog(kind, 'a');
      assert.deepEqual(
        [back?.archivedAt, back?.createdAt, back?.updatedAt, back?.managedBy],
        [null, T0 + 1, T0 + 40, 'api'],
      );
    });
  }

  test('kinds do not see each other’s objects', async () => {
    await h.store.admin.putCatalog(
      'page',
      { id: 'only-page', config: { id: 'only-page' }, managedBy: 'api', position: 0 },
      T0,
    );
    assert.equal(await h.store.admin.getCatalog('group', 'only-page'), undefined);
    assert.equal(await h.store.admin.getCatalog('monitor', 'only-page'), undefined);
    await h.store.admin.archiveCatalog('group', 'only-page', T0);
    assert.equal((await h.store.admin.getCatalog('page', 'only-page'))?.archivedAt, null);
  });

  test('monitor and component objects are the rows listMonitors and listComponents read', async () => {
    assert.deepEqual(
      (await h.store.listMonitors()).map((m) => [m.id, m.managedBy, m.createdAt]),
      [
        ['z', 'api', T0 + 2],
        ['a', 'api', T0 + 1],
        ['b', 'config', T0],
      ],
    );
    assert.deepEqual((await h.store.listMonitors())[0]?.config, monitorConfig('z'));
    assert.deepEqual(
      (await h.store.listComponents({ includeArchived: true })).map((c) => [c.id, c.position, c.archivedAt]),
      [
        ['z', 0, null],
        ['a', 1, null],
        ['b', 5, null],
      ],
    );
  });
});

forEachStore('admin: syncConfig with catalog kinds', (h) => {
  test('upserts each kind as managed by config, in config order, and archives config-managed ones no longer named', async () => {
    const first = await h.store.syncConfig(
      {
        monitors: [monitorConfig('api')],
        components: [componentConfig('backend', ['api'])],
        catalog: [
          { kind: 'group', objects: [{ id: 'g2' }, { id: 'g1' }] },
          { kind: 'page', objects: [{ id: 'public' }] },
        ],
      },
      1_000,
    );
    assert.deepEqual(first, {
      archivedMonitors: [],
      archivedComponents: [],
      archived: { monitor: [], component: [], group: [], page: [] },
    });
    const groups = await h.store.admin.listCatalog('group');
    assert.deepEqual(
      groups.map((g) => [g.id, g.position, g.managedBy, g.createdAt, g.config]),
      [
        ['g2', 0, 'config', 1_000, { id: 'g2' }],
        ['g1', 1, 'config', 1_000, { id: 'g1' }],
      ],
    );

    await h.store.admin.putCatalog(
      'group',
      { id: 'api-group', config: { id: 'api-group' }, managedBy: 'api', position: 9 },
      1_500,
    );
    const second = await h.store.syncConfig(
      {
        monitors: [monitorConfig('api')],
        components: [componentConfig('backend', ['api'])],
        catalog: [{ kind: 'group', objects: [{ id: 'g1' }, { id: 'g3' }] }],
      },
      2_000,
    );
    assert.deepEqual(second.archived, { monitor: [], component: [], group: ['g2'] });
    assert.deepEqual(
      (await h.store.admin.listCatalog('group')).map((g) => [g.id, g.position, g.managedBy, g.createdAt]),
      [
        ['g1', 0, 'config', 1_000],
        ['g3', 1, 'config', 2_000],
        ['api-group', 9, 'api', 1_500],
      ],
    );
    assert.equal((await h.store.admin.getCatalog('group', 'g2', { includeArchived: true }))?.archivedAt, 2_000);
    assert.ok(await h.store.admin.getCatalog('page', 'public'), 'a kind the input does not list is left alone');
  });

  test('an archived object the config names again comes back; an empty kind archives all it managed', async () => {
    const back = await h.store.syncConfig(
      { monitors: [], components: [], catalog: [{ kind: 'group', objects: [{ id: 'g2' }] }] },
      3_000,
    );
    assert.deepEqual(back.archived, { monitor: ['api'], component: ['backend'], group: ['g1', 'g3'] });
    assert.deepEqual(
      (await h.store.admin.listCatalog('group')).map((g) => [g.id, g.archivedAt]),
      [
        ['g2', null],
        ['api-group', null],
      ],
    );
    const empty = await h.store.syncConfig(
      {
        monitors: [],
        components: [],
        catalog: [
          { kind: 'group', objects: [] },
          { kind: 'page', objects: [] },
        ],
      },
      4_000,
    );
    assert.deepEqual(empty.archived, { monitor: [], component: [], group: ['g2'], page: ['public'] });
  });

  test('without `catalog` the result keeps its older shape and catalog objects are untouched', async () => {
    await h.store.syncConfig(
      { monitors: [], components: [], catalog: [{ kind: 'channel', objects: [{ id: 'slack' }] }] },
      5_000,
    );
    assert.deepEqual(await h.store.syncConfig({ monitors: [], components: [] }, 6_000), {
      archivedMonitors: [],
      archivedComponents: [],
    });
    assert.ok(await h.store.admin.getCatalog('channel', 'slack'));
  });
});

forEachStore('admin: component overrides and subscribers', (h) => {
  test('overrides: set, replace, list by component, clear', async () => {
    const a = h.store.admin;
    await a.setComponentOverride({ componentId: 'web', status: 'major_outage', note: 'DNS', setAt: T0, setBy: 'u1' });
    await a.setComponentOverride({
      componentId: 'api',
      status: 'degraded_performance',
      note: null,
      setAt: T0,
      setBy: null,
    });
    await a.setComponentOverride({
      componentId: 'web',
      status: 'partial_outage',
      note: null,
      setAt: T0 + 1,
      setBy: 'u2',
    });
    assert.deepEqual(await a.listComponentOverrides(), [
      { componentId: 'api', status: 'degraded_performance', note: null, setAt: T0, setBy: null },
      { componentId: 'web', status: 'partial_outage', note: null, setAt: T0 + 1, setBy: 'u2' },
    ]);
    await a.clearComponentOverride('web');
    await a.clearComponentOverride('never-set');
    assert.deepEqual(
      (await a.listComponentOverrides()).map((o) => o.componentId),
      ['api'],
    );
  });

  test('subscribers: create, get, list oldest first, duplicates refused, delete', async () => {
    const a = h.store.admin;
    const email = {
      id: 'sub1',
      kind: 'email' as const,
      target: 'ops@example.com',
      componentIds: [],
      confirmedAt: null,
      createdAt: T0 + 1,
      pageSlug: '',
      pageAccess: null,
    };
    const hook = {
      id: 'sub2',
      kind: 'webhook' as const,
      target: 'https://hooks.example.com/x',
      componentIds: ['api', 'web'],
      confirmedAt: T0,
      createdAt: T0,
      pageSlug: 'ops',
      pageAccess: 'fp',
    };
    await a.createSubscriber(email);
    await a.createSubscriber(hook);
    assert.deepEqual(await a.getSubscriber('sub2'), hook);
    assert.equal(await a.getSubscriber('nope'), undefined);
    assert.deepEqual(await a.listSubscribers(), [hook, email]);

    await assert.rejects(a.createSubscriber({ ...email, id: 'sub3' }), DuplicateError);
    await assert.rejects(a.createSubscriber({ ...hook, target: 'https://other.example.com' }), DuplicateError);
    await a.createSubscriber({ ...email, id: 'sub4', kind: 'webhook', target: 'ops@example.com' });

    await a.deleteSubscriber('sub1');
    assert.deepEqual(
      (await a.listSubscribers()).map((s) => s.id),
      ['sub2', 'sub4'],
    );
  });
});
