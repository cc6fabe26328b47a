import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuplicateError } from '../../src/store/store-errors.ts';
import { apiToken, session, user } from './admin-fixtures.ts';
import { HOUR, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

forEachStore('admin: users', (h) => {
  const ada = user('ada', {
    email: 'Ada@Example.COM',
    role: 'owner',
    passwordHash: 'scrypt$abc',
    totpSecret: 'JBSWY3DPEHPK3PXP',
    totpEnabled: true,
    recoveryCodeHashes: ['aa', 'bb'],
    passwordChangedAt: T0,
    totpLastStep: 56_666_666,
    credentialVersion: 3,
    lastLoginAt: T0 + 1,
  });

  test('a user round-trips, its email lower-cased; found by id and by email in any case', async () => {
    assert.equal(await h.store.admin.countUsers(), 0);
    await h.store.admin.createUser(ada);
    const stored = { ...ada, email: 'ada@example.com' };
    assert.deepEqual(await h.store.admin.getUser('ada'), stored);
    assert.deepEqual(await h.store.admin.getUserByEmail('ADA@example.com'), stored);
    assert.equal(await h.store.admin.getUser('nobody'), undefined);
    assert.equal(await h.store.admin.getUserByEmail('nobody@example.com'), undefined);
    assert.equal(await h.store.admin.countUsers(), 1);
  });

  test('a taken email, in any case, is a DuplicateError (code duplicate)', async () => {
    await assert.rejects(
      h.store.admin.createUser(user('ada2', { email: 'ADA@example.com' })),
      (err: unknown) => err instanceof DuplicateError && err.code === 'duplicate',
    );
    assert.equal(await h.store.admin.countUsers(), 1);
  });

  test('OIDC users are found by issuer and subject; users without one do not collide', async () => {
    await h.store.admin.createUser(user('oidc1', { oidcIssuer: 'https://idp.example', oidcSubject: 'sub-1' }));
    await h.store.admin.createUser(user('plain'));
    assert.equal((await h.store.admin.getUserByOidcSubject('https://idp.example', 'sub-1'))?.id, 'oidc1');
    assert.equal(await h.store.admin.getUserByOidcSubject('https://idp.example', 'sub-2'), undefined);
    assert.equal(await h.store.admin.getUserByOidcSubject('https://other.example', 'sub-1'), undefined);
  });

  test('listUsers by email; updateUser changes only the fields given', async () => {
    assert.deepEqual(
      (await h.store.admin.listUsers()).map((u) => u.id),
      ['ada', 'oidc1', 'plain'],
    );
    await h.store.admin.updateUser('plain', {
      role: 'admin',
      email: 'Plain.New@Example.com',
      totpEnabled: true,
      updatedAt: T0 + 5,
    });
    const plain = await h.store.admin.getUser('plain');
    assert.deepEqual(plain, {
      ...user('plain'),
      role: 'admin',
      email: 'plain.new@example.com',
      totpEnabled: true,
      updatedAt: T0 + 5,
    });
    await h.store.admin.updateUser('plain', {});
    assert.deepEqual(await h.store.admin.getUser('plain'), plain);
    await assert.rejects(h.store.admin.updateUser('plain', { email: 'ada@EXAMPLE.com' }), DuplicateError);
  });

  test('deleteUser removes the user with its sessions and tokens, and nobody else’s', async () => {
    await h.store.admin.createUser(user('gone'));
    await h.store.admin.createSession(session('s-gone', 'gone'));
    await h.store.admin.createToken(apiToken('t-gone', 'gone'));
    await h.store.admin.createSession(session('s-ada', 'ada'));
    await h.store.admin.createToken(apiToken('t-ada', 'ada'));

    await h.store.admin.deleteUser('gone');
    assert.equal(await h.store.admin.getUser('gone'), undefined);
    assert.equal(await h.store.admin.getSession('s-gone'), undefined);
    assert.equal(await h.store.admin.getToken('t-gone'), undefined);
    assert.ok(await h.store.admin.getSession('s-ada'));
    assert.ok(await h.store.admin.getToken('t-ada'));
  });
});

forEachStore('admin: sessions', (h) => {
  test('a session round-trips; updateSession changes the fields given; deleteSession removes it', async () => {
    await h.store.admin.createUser(user('u1'));
    const s = session('h1', 'u1', { mfaPending: true, ip: '10.0.0.1', userAgent: 'Firefox' });
    await h.store.admin.createSession(s);
    assert.deepEqual(await h.store.admin.getSession('h1'), s);

    await h.store.admin.updateSession('h1', {
      lastSeenAt: T0 + 10,
      expiresAt: T0 + 2 * HOUR,
      mfaPending: false,
      csrfToken: 'new',
    });
    assert.deepEqual(await h.store.admin.getSession('h1'), {
      ...s,
      lastSeenAt: T0 + 10,
      expiresAt: T0 + 2 * HOUR,
      mfaPending: false,
      csrfToken: 'new',
    });
    await h.store.admin.updateSession('h1', {});

    await h.store.admin.deleteSession('h1');
    assert.equal(await h.store.admin.getSession('h1'), undefined);
  });

  test('deleteSessionsOfUser removes the user’s sessions but the one kept', async () => {
    await h.store.admin.createUser(user('u2'));
    for (const id of ['a', 'b', 'c']) await h.store.admin.createSession(session(`u1-${id}`, 'u1'));
    await h.store.admin.createSession(session('u2-a', 'u2'));

    assert.equal(await h.store.admin.deleteSessionsOfUser('u1', 'u1-b'), 2);
    assert.equal(await h.store.admin.getSession('u1-a'), undefined);
    assert.ok(await h.store.admin.getSession('u1-b'));
    assert.ok(await h.store.admin.getSession('u2-a'));
    assert.equal(await h.store.admin.deleteSessionsOfUser('u1'), 1);
    assert.equal(await h.store.admin.getSession('u1-b'), undefined);
  });

  test('deleteExpiredSessions removes those expired at or before now', async () => {
    await h.store.admin.createSession(session('old', 'u2', { expiresAt: T0 + 100 }));
    await h.store.admin.createSession(session('edge', 'u2', { expiresAt: T0 + 200 }));
    await h.store.admin.createSession(session('live', 'u2', { expiresAt: T0 + 201 }));
    assert.equal(await h.store.admin.deleteExpiredSessions(T0 + 200), 2);
    assert.equal(await h.store.admin.getSession('old'), undefined);
    assert.equal(await h.store.admin.getSession('edge'), undefined);
    assert.ok(await h.store.admin.getSession('live'));
  });
});

forEachStore('admin: API tokens and setup links', (h) => {
  test('a token round-trips, found by id and by hash; scopes come back in TOKEN_SCOPES order', async () => {
    await h.store.admin.createUser(user('u1'));
    const t = apiToken('tok1', 'u1', { scopes: ['admin', 'read'], expiresAt: T0 + HOUR });
    await h.store.admin.createToken(t);
    const stored = { ...t, scopes: ['read', 'admin'] };
    assert.deepEqual(await h.store.admin.getToken('tok1'), stored);
    assert.deepEqual(await h.store.admin.getTokenByHash('hash-tok1'), stored);
    assert.equal(await h.store.admin.getTokenByHash('hash-none'), undefined);
  });

  test('a taken hash or id is a DuplicateError', async () => {
    await assert.rejects(h.store.admin.createToken(apiToken('tok2', 'u1', { tokenHash: 'hash-tok1' })), DuplicateError);
    await assert.rejects(
      h.store.admin.createToken(apiToken('tok1', 'u1', { tokenHash: 'hash-other' })),
      DuplicateError,
    );
  });

  test('touchToken sets lastUsedAt; listTokens is newest first, all or a user’s; deleteToken removes one', async () => {
    await h.store.admin.createUser(user('u2'));
    await h.store.admin.createToken(apiToken('tok3', 'u1', { createdAt: T0 + 2 }));
    await h.store.admin.createToken(apiToken('tok4', 'u2', { createdAt: T0 + 1, scopes: ['read', 'write', 'admin'] }));
    await h.store.admin.touchToken('tok1', T0 + 50);
    assert.equal((await h.store.admin.getToken('tok1'))?.lastUsedAt, T0 + 50);

    const ids = (list: { id: string }[]) => list.map((t) => t.id);
    assert.deepEqual(ids(await h.store.admin.listTokens()), ['tok3', 'tok4', 'tok1']);
    assert.deepEqual(ids(await h.store.admin.listTokens({ userId: 'u1' })), ['tok3', 'tok1']);
    assert.deepEqual(ids(await h.store.admin.listTokens({ userId: 'nobody' })), []);

    await h.store.admin.deleteToken('tok3');
    assert.deepEqual(ids(await h.store.admin.listTokens({ userId: 'u1' })), ['tok1']);
  });

  test('a setup token is consumed once, and not once expired or unknown', async () => {
    await h.store.admin.createSetupToken('setup-1', T0 + HOUR);
    await h.store.admin.createSetupToken('setup-2', T0 + HOUR);
    assert.equal(await h.store.admin.consumeSetupToken('setup-1', T0), true);
    assert.equal(await h.store.admin.consumeSetupToken('setup-1', T0 + 1), false);
    assert.equal(await h.store.admin.consumeSetupToken('setup-2', T0 + HOUR), false);
    assert.equal(await h.store.admin.consumeSetupToken('unknown', T0), false);
  });
});
