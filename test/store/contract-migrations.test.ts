import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { forEachStore } from './stores.ts';

forEachStore(
  'migrations',
  (h) => {
    test('a fresh database has every migration pending; migrate applies them; migrating again is a no-op', async () => {
      const pending = await h.store.pendingMigrations();
      assert.ok(pending >= 3, `pending ${pending}`);
      await h.store.migrate();
      assert.equal(await h.store.pendingMigrations(), 0);
      await h.store.migrate();
      assert.equal(await h.store.pendingMigrations(), 0);
      await h.store.ping();
    });

    test('another store on the same database sees it current', async () => {
      const other = await openStore(h.url);
      try {
        assert.equal(await other.pendingMigrations(), 0);
        await other.migrate();
        assert.deepEqual(await other.listMonitors(), []);
      } finally {
        await other.close();
      }
    });
  },
  { migrate: false },
);

test('an unsupported storage URL is refused', async () => {
  await assert.rejects(openStore('mysql://localhost/x'), /sqlite:PATH/);
});

test('sqlite::memory: opens and migrates', async () => {
  const store = await openStore('sqlite::memory:');
  try {
    await store.migrate();
    assert.equal(await store.pendingMigrations(), 0);
    assert.equal(store.dialect, 'sqlite');
  } finally {
    await store.close();
  }
});
