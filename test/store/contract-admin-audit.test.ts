import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry, AuditFilter } from '../../src/store/admin-store.ts';
import { auditEntry, user } from './admin-fixtures.ts';
import { HOUR, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('admin: audit log', (h) => {
  const entries = [
    auditEntry({
      at: T0,
      actorId: 'u1',
      action: 'monitor.create',
      targetType: 'monitor',
      targetId: 'api',
      before: null,
      after: { id: 'api', nested: [1, 'two'] },
    }),
    auditEntry({
      at: T0 + HOUR,
      actorId: 'u2',
      actorLabel: 'u2@example.com',
      action: 'monitor.update',
      targetType: 'monitor',
      targetId: 'api',
      before: { a: 1 },
      after: { a: 2 },
    }),
    auditEntry({
      at: T0 + 2 * HOUR,
      actorType: 'token',
      actorId: 't1',
      actorLabel: 'deploy bot',
      action: 'incident.create',
      targetType: 'incident',
      targetId: 'inc1',
      ip: null,
    }),
    auditEntry({
      at: T0 + 3 * HOUR,
      actorType: 'system',
      actorId: null,
      actorLabel: 'system',
      action: 'user.login.failed',
      targetType: 'user',
      targetId: null,
      before: undefined,
      after: 'text',
    }),
  ];
  const actions = (list: AuditEntry[]) => list.map((e) => e.action);
  const list = (filter: Partial<AuditFilter>) => h.store.admin.listAudit({ limit: 100, ...filter });

  test('appended entries come back newest first, with growing ids and their JSON values', async () => {
    for (const e of entries) await h.store.admin.appendAudit(e);
    const all = await list({});
    assert.deepEqual(actions(all), ['user.login.failed', 'incident.create', 'monitor.update', 'monitor.create']);
    const ids = all.map((e) => e.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    assert.equal(new Set(ids).size, 4);
    const { id: _id, ...first } = all[3]!;
    assert.deepEqual(first, entries[0]);
    assert.deepEqual(all[0]?.before, null, 'undefined is stored as null');
    assert.equal(all[0]?.after, 'text');
  });

  test('every filter, alone and together', async () => {
    assert.deepEqual(actions(await list({ actorId: 'u2' })), ['monitor.update']);
    assert.deepEqual(actions(await list({ action: 'incident.create' })), ['incident.create']);
    assert.deepEqual(actions(await list({ targetType: 'monitor' })), ['monitor.update', 'monitor.create']);
    assert.deepEqual(actions(await list({ targetType: 'monitor', targetId: 'api', actorId: 'u1' })), [
      'monitor.create',
    ]);
    assert.deepEqual(actions(await list({ targetId: 'inc1' })), ['incident.create']);
    assert.deepEqual(actions(await list({ from: T0 + HOUR })), [
      'user.login.failed',
      'incident.create',
      'monitor.update',
    ]);
    assert.deepEqual(actions(await list({ to: T0 + HOUR })), ['monitor.create']);
    assert.deepEqual(actions(await list({ from: T0 + HOUR, to: T0 + 3 * HOUR })), [
      'incident.create',
      'monitor.update',
    ]);
    assert.deepEqual(await list({ action: 'nothing.like.this' }), []);
    assert.deepEqual(await list({ limit: 0 }), []);
  });

  test('pages by `before` (an id) under a limit', async () => {
    const first = await list({ limit: 3 });
    assert.deepEqual(actions(first), ['user.login.failed', 'incident.create', 'monitor.update']);
    const second = await list({ limit: 3, before: first.at(-1)!.id });
    assert.deepEqual(actions(second), ['monitor.create']);
    assert.deepEqual(await list({ limit: 3, before: second[0]!.id }), []);
    assert.deepEqual(actions(await list({ limit: 2, before: first[0]!.id, targetType: 'monitor' })), [
      'monitor.update',
      'monitor.create',
    ]);
  });
});

forEachStore('admin: transactions', (h) => {
  test('a throw inside transaction() rolls back every write, the audit entry included', async () => {
    const boom = new Error('boom');
    await assert.rejects(
      h.store.admin.transaction(async (tx) => {
        await tx.createUser(user('rolled'));
        await tx.putCatalog('group', { id: 'g-rolled', config: { id: 'g-rolled' }, managedBy: 'api', position: 0 }, T0);
        await tx.putCatalog(
          'monitor',
          { id: 'm-rolled', config: { id: 'm-rolled' }, managedBy: 'api', position: 0 },
          T0,
        );
        await tx.appendAudit(auditEntry({ action: 'user.create', targetId: 'rolled' }));
        assert.ok(await tx.getUser('rolled'), 'visible inside the transaction');
        throw boom;
      }),
      (err) => err === boom,
    );
    assert.equal(await h.store.admin.getUser('rolled'), undefined);
    assert.equal(await h.store.admin.getCatalog('group', 'g-rolled'), undefined);
    assert.deepEqual(await h.store.listMonitors({ includeArchived: true }), []);
    assert.deepEqual(await h.store.admin.listAudit({ limit: 10 }), []);
  });

  test('a database error inside rolls back what came before it', async () => {
    await h.store.admin.createUser(user('taken'));
    await assert.rejects(
      h.store.admin.transaction(async (tx) => {
        await tx.appendAudit(auditEntry({ action: 'user.create' }));
        await tx.createUser(user('again', { email: 'TAKEN@example.com' }));
      }),
    );
    assert.deepEqual(await h.store.admin.listAudit({ limit: 10 }), []);
  });

  test('commits as a whole and returns the value', async () => {
    const value = await h.store.admin.transaction(async (tx) => {
      await tx.createUser(user('kept'));
      await tx.appendAudit(auditEntry({ action: 'user.create', targetId: 'kept' }));
      return 42;
    });
    assert.equal(value, 42);
    assert.ok(await h.store.admin.getUser('kept'));
    assert.equal((await h.store.admin.listAudit({ limit: 10 })).length, 1);
  });

  test('a nested transaction joins the open one: a throw in the outer one rolls back the inner work too', async () => {
    await assert.rejects(
      h.store.admin.transaction(async (tx) => {
        const inner = await tx.transaction(async (nested) => {
          await nested.createUser(user('nested'));
          // deleteUser and saveIncident open their own transaction: inside one they join it too
          await nested.deleteUser('kept');
          return 'inner done';
        });
        assert.equal(inner, 'inner done');
        assert.ok(await tx.getUser('nested'));
        throw new Error('outer fails');
      }),
      /outer fails/,
    );
    assert.equal(await h.store.admin.getUser('nested'), undefined);
    assert.ok(await h.store.admin.getUser('kept'));
  });

  test('a nested transaction that commits is part of the outer commit', async () => {
    await h.store.admin.transaction(async (tx) => {
      await tx.transaction((nested) => nested.createUser(user('nested-ok')));
      await tx.appendAudit(auditEntry({ action: 'user.create', targetId: 'nested-ok' }));
    });
    assert.ok(await h.store.admin.getUser('nested-ok'));
    assert.equal((await h.store.admin.listAudit({ limit: 10, targetId: 'nested-ok' })).length, 1);
  });
});
