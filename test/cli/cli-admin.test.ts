import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hashSecret } from '../../src/auth/secret-token.ts';
import { verifyPassword } from '../../src/auth/password.ts';
import { openStore } from '../../src/store/open-store.ts';

const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;

/** Run the CLI with `input` on stdin (not a terminal, so the password is read from it). */
function pharos(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('pharos user add / token create', () => {
  let dir: string;
  let config: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-cli-admin-'));
    db = join(dir, 'p.db');
    config = join(dir, 'pharos.yaml');
    await writeFile(config, `title: CLI\nstorage: { url: "sqlite:${db}" }\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('user add reads the password from stdin and stores only its hash', async () => {
    const r = await pharos(
      'a long enough passphrase 42\n',
      'user',
      'add',
      '--config',
      config,
      '--email',
      'Owner@Example.com',
      '--role',
      'owner',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created owner owner@example\.com/);
    const store = await openStore(`sqlite:${db}`);
    try {
      const user = await store.admin.getUserByEmail('owner@example.com');
      assert.equal(user?.role, 'owner');
      assert.ok(user?.passwordHash?.startsWith('scrypt$'));
      assert.ok(await verifyPassword('a long enough passphrase 42', user!.passwordHash!));
      const audit = await store.admin.listAudit({ limit: 5, action: 'user.create' });
      assert.equal(audit[0]?.actorType, 'cli');
      assert.doesNotMatch(JSON.stringify(audit), /passphrase/);
    } finally {
      await store.close();
    }
  });

  test('user add refuses a weak password, a taken email and an unknown role, with a clear message', async () => {
    const weak = await pharos(
      'short\n',
      'user',
      'add',
      '--config',
      config,
      '--email',
      'x@example.com',
      '--role',
      'viewer',
    );
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /at least 12/);
    const taken = await pharos(
      'another long passphrase 42\n',
      'user',
      'add',
      '--config',
      config,
      '--email',
      'owner@example.com',
      '--role',
      'viewer',
    );
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /already exists/);
    const role = await pharos('', 'user', 'add', '--config', config, '--email', 'y@example.com', '--role', 'god');
    assert.equal(role.code, 2);
    assert.match(role.stderr, /--role must be one of owner, admin, editor, viewer/);
  });

  test('token create prints the token once; the store keeps its hash, scopes and expiry', async () => {
    const r = await pharos(
      '',
      'token',
      'create',
      '--config',
      config,
      '--email',
      'owner@example.com',
      '--scopes',
      'read,write',
      '--expires',
      '30d',
      '--name',
      'deploy',
    );
    assert.equal(r.code, 0, r.stderr);
    const token = r.stdout.trim();
    assert.match(token, /^pht_[A-Za-z0-9_-]{40,}$/);
    assert.match(r.stderr, /shown only now/);
    const store = await openStore(`sqlite:${db}`);
    try {
      const stored = await store.admin.getTokenByHash(hashSecret(token));
      assert.deepEqual(stored?.scopes, ['read', 'write']);
      assert.equal(stored?.name, 'deploy');
      assert.ok(stored!.expiresAt! - Date.now() > 29 * 86_400_000);
      assert.doesNotMatch(JSON.stringify(await store.admin.listAudit({ limit: 10 })), new RegExp(token));
    } finally {
      await store.close();
    }
  });

  test('token create refuses unknown scopes, a bad expiry and an unknown user', async () => {
    assert.equal(
      (await pharos('', 'token', 'create', '--config', config, '--email', 'owner@example.com', '--scopes', 'root'))
        .code,
      2,
    );
    const expiry = await pharos(
      '',
      'token',
      'create',
      '--config',
      config,
      '--email',
      'owner@example.com',
      '--scopes',
      'read',
      '--expires',
      'forever',
    );
    assert.equal(expiry.code, 2);
    assert.match(expiry.stderr, /--expires: a duration like/);
    const nobody = await pharos(
      '',
      'token',
      'create',
      '--config',
      config,
      '--email',
      'nobody@example.com',
      '--scopes',
      'read',
    );
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /no user with the email/);
  });
});
