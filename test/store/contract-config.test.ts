import assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentConfig, monitorConfig } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('syncConfig', (h) => {
  test('upserts monitors and components with their config, position and owner', async () => {
    const monitors = [monitorConfig('api'), monitorConfig('web', { interval: '30s' })];
    const components = [componentConfig('backend', ['api']), componentConfig('frontend', ['web'], { group: 'Public' })];
    const archived = await h.store.syncConfig({ monitors, components }, 1_000);
    assert.deepEqual(archived, { archivedMonitors: [], archivedComponents: [] });

    const stored = await h.store.listMonitors();
    assert.deepEqual(
      stored.map((m) => [m.id, m.managedBy, m.createdAt, m.archivedAt]),
      [
        ['api', 'config', 1_000, null],
        ['web', 'config', 1_000, null],
      ],
    );
    assert.deepEqual(stored[1]?.config, monitors[1]);
    const storedComponents = await h.store.listComponents();
    assert.deepEqual(
      storedComponents.map((c) => [c.id, c.position, c.config]),
      [
        ['backend', 0, components[0]],
        ['frontend', 1, components[1]],
      ],
    );
  });

  test('a changed config replaces the stored one and the order follows the config', async () => {
    const monitors = [monitorConfig('web', { interval: '10s' }), monitorConfig('api')];
    await h.store.syncConfig(
      { monitors, components: [componentConfig('frontend', ['web']), componentConfig('backend', ['api'])] },
      2_000,
    );
    const stored = await h.store.listMonitors();
    assert.deepEqual(
      stored.map((m) => m.id),
      ['web', 'api'],
    );
    assert.equal(stored[0]?.config.interval, 10_000);
    assert.equal(stored[0]?.createdAt, 1_000, 'createdAt is the first store');
    assert.deepEqual(
      (await h.store.listComponents()).map((c) => [c.id, c.position]),
      [
        ['frontend', 0],
        ['backend', 1],
      ],
    );
  });

  test('config objects missing from the input are archived, not deleted, and reported once', async () => {
    const first = await h.store.syncConfig(
      { monitors: [monitorConfig('api')], components: [componentConfig('backend', ['api'])] },
      3_000,
    );
    assert.deepEqual(first, { archivedMonitors: ['web'], archivedComponents: ['frontend'] });
    assert.deepEqual(
      (await h.store.listMonitors()).map((m) => m.id),
      ['api'],
    );
    const all = await h.store.listMonitors({ includeArchived: true });
    assert.deepEqual(
      all.map((m) => [m.id, m.archivedAt]),
      [
        ['api', null],
        ['web', 3_000],
      ],
    );
    assert.deepEqual(
      (await h.store.listComponents({ includeArchived: true })).map((c) => [c.id, c.archivedAt]),
      [
        ['backend', null],
        ['frontend', 3_000],
      ],
    );
    const again = await h.store.syncConfig(
      { monitors: [monitorConfig('api')], components: [componentConfig('backend', ['api'])] },
      4_000,
    );
    assert.deepEqual(again, { archivedMonitors: [], archivedComponents: [] });
  });

  test('re-adding an archived object un-archives it', async () => {
    await h.store.syncConfig(
      { monitors: [monitorConfig('api'), monitorConfig('web')], components: [componentConfig('frontend', ['web'])] },
      5_000,
    );
    assert.deepEqual(
      (await h.store.listMonitors()).map((m) => [m.id, m.archivedAt]),
      [
        ['api', null],
        ['web', null],
      ],
    );
    assert.deepEqual(
      (await h.store.listComponents()).map((c) => c.id),
      ['frontend'],
    );
    assert.deepEqual(
      (await h.store.listComponents({ includeArchived: true })).map((c) => [c.id, c.archivedAt]),
      [
        ['frontend', null],
        ['backend', 5_000],
      ],
    );
  });

  test('an empty config archives everything it managed', async () => {
    const archived = await h.store.syncConfig({ monitors: [], components: [] }, 6_000);
    assert.deepEqual(archived, { archivedMonitors: ['api', 'web'], archivedComponents: ['frontend'] });
    assert.deepEqual(await h.store.listMonitors(), []);
    assert.equal((await h.store.listMonitors({ includeArchived: true })).length, 2);
  });
});
