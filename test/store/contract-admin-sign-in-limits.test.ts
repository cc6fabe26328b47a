import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { session, user } from './admin-fixtures.ts';
import { HOUR, T0 } from './fixtures.ts';
import { forEachStore } from './stores.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

forEachStore('admin: sign-in limits and credentials shared by replicas', (h) => {
  let replica: Store;
  test('a second store on the same database (another replica)', async () => {
    replica = await openStore(h.url, { logger: quiet });
  });

  test('failures are counted atomically: concurrent failures on two replicas each get their own count', async () => {
    const counts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? h.store : replica).admin.countSignInFailure('password:a', '10.0.0.1', T0 + i, T0 - HOUR),
      ),
    );
    assert.deepEqual(
      [...counts].sort((a, b) => a - b),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const [row] = await h.store.admin.listSignInLimits(['password:a'], ['10.0.0.1']);
    assert.equal(row?.failures, 12);
    assert.equal(row?.lockedUntil, null);
    assert.equal(row?.lastSuccessAt, null);
  });

  test('a count whose last failure is older than forgetBefore starts again at 1', async () => {
    await h.store.admin.countSignInFailure('password:b', '', T0, T0 - HOUR);
    assert.equal(await h.store.admin.countSignInFailure('password:b', '', T0 + 10, T0 - HOUR), 2);
    assert.equal(await replica.admin.countSignInFailure('password:b', '', T0 + 2 * HOUR, T0 + HOUR), 1);
  });

  test('lockSignIn, listSignInLimits by subjects and clients, success clears and remembers, clear unlocks every client', async () => {
    await h.store.admin.lockSignIn('password:a', '10.0.0.1', T0 + HOUR);
    await h.store.admin.countSignInFailure('password:a', '', T0, T0 - HOUR);
    await h.store.admin.lockSignIn('password:a', '', T0 + 2 * HOUR);
    const rows = await replica.admin.listSignInLimits(['password:a', 'password:none'], ['', '10.0.0.1', '10.0.0.2']);
    assert.deepEqual(rows.map((r) => [r.client, r.lockedUntil]).sort(), [
      ['', T0 + 2 * HOUR],
      ['10.0.0.1', T0 + HOUR],
    ]);
    await replica.admin.recordSignInSuccess('password:a', '10.0.0.2', T0 + 5);
    await replica.admin.recordSignInSuccess('password:a', '10.0.0.1', T0 + 6);
    const after = await h.store.admin.listSignInLimits(['password:a'], ['10.0.0.1', '10.0.0.2']);
    assert.deepEqual(after.map((r) => [r.client, r.failures, r.lockedUntil, r.lastSuccessAt]).sort(), [
      ['10.0.0.1', 0, null, T0 + 6],
      ['10.0.0.2', 0, null, T0 + 5],
    ]);
    await h.store.admin.countSignInFailure('password:c', '', T0, T0 - HOUR);
    await h.store.admin.lockSignIn('password:c', '', T0 + HOUR);
    await h.store.admin.clearSignInFailures(['password:a']);
    const cleared = await h.store.admin.listSignInLimits(['password:a', 'password:c'], ['']);
    assert.deepEqual(cleared.map((r) => [r.subject, r.failures, r.lockedUntil]).sort(), [
      ['password:a', 0, null],
      ['password:c', 1, T0 + HOUR],
    ]);
  });

  test('pruneSignInLimits drops rows with neither a recent failure nor a recent success', async () => {
    await h.store.admin.recordSignInSuccess('password:p', 'recent-success', T0 + 100);
    await h.store.admin.countSignInFailure('password:p', 'recent-failure', T0 + 100, 0);
    await h.store.admin.countSignInFailure('password:p', 'old', T0, 0);
    await h.store.admin.recordSignInSuccess('password:p', 'old', T0);
    const pruned = await h.store.admin.pruneSignInLimits(T0 + 50, T0 + 50);
    assert.ok(pruned >= 1);
    const left = await h.store.admin.listSignInLimits(['password:p'], ['recent-success', 'recent-failure', 'old']);
    assert.deepEqual(left.map((r) => r.client).sort(), ['recent-failure', 'recent-success']);
  });

  test('claimTotpStep: of concurrent claims on two replicas one wins; the same or an earlier step later loses', async () => {
    await h.store.admin.createUser(user('totp-user', { totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabled: true }));
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? h.store : replica).admin.claimTotpStep('totp-user', 1000)),
    );
    assert.equal(claims.filter(Boolean).length, 1);
    assert.equal(await replica.admin.claimTotpStep('totp-user', 999), false);
    assert.equal(await replica.admin.claimTotpStep('totp-user', 1000), false);
    assert.equal(await h.store.admin.claimTotpStep('totp-user', 1001), true);
    assert.equal((await replica.admin.getUser('totp-user'))?.totpLastStep, 1001);
  });

  test('replaceRecoveryCodes spends a code once, even when two replicas try at once', async () => {
    await h.store.admin.updateUser('totp-user', { recoveryCodeHashes: ['aa', 'bb', 'cc'] });
    const wins = await Promise.all(
      [h.store, replica, h.store, replica].map((s) =>
        s.admin.replaceRecoveryCodes('totp-user', ['aa', 'bb', 'cc'], ['bb', 'cc']),
      ),
    );
    assert.equal(wins.filter(Boolean).length, 1);
    assert.deepEqual((await h.store.admin.getUser('totp-user'))?.recoveryCodeHashes, ['bb', 'cc']);
  });

  test('setPassword bumps the credential version; sessions keep the version they were made with; deleteSession says whether it removed one', async () => {
    await h.store.admin.createUser(user('pw-user', { passwordHash: 'scrypt$old' }));
    await h.store.admin.createSession(session('pw-s1', 'pw-user'));
    assert.equal(await replica.admin.setPassword('pw-user', 'scrypt$new', T0 + 7), 1);
    assert.equal(await h.store.admin.setPassword('pw-user', 'scrypt$newer', T0 + 8), 2);
    const stored = await h.store.admin.getUser('pw-user');
    assert.deepEqual(
      [stored?.passwordHash, stored?.passwordChangedAt, stored?.credentialVersion],
      ['scrypt$newer', T0 + 8, 2],
    );
    assert.equal((await h.store.admin.getSession('pw-s1'))?.credentialVersion, 0);
    await h.store.admin.updateSession('pw-s1', { credentialVersion: 2 });
    assert.equal((await h.store.admin.getSession('pw-s1'))?.credentialVersion, 2);
    assert.equal(await h.store.admin.setPassword('nobody', 'scrypt$x', T0), 0);
    assert.equal(await replica.admin.deleteSession('pw-s1'), true);
    assert.equal(await h.store.admin.deleteSession('pw-s1'), false);
  });

  test('close the replica', async () => {
    await replica.close();
  });
});
