import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;

function pharos(
  cwd: string,
  input: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.PHAROS_CONFIG;
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Item 14 of issue 14: README commands run as written from a clone's root; errors name options, not API paths. */
describe('pharos CLI: config default in a clone, errors in the words of the options', () => {
  let clone: string;
  before(async () => {
    clone = await mkdtemp(join(tmpdir(), 'pharos-clone-'));
    await mkdir(join(clone, 'examples'));
    await writeFile(
      join(clone, 'examples', 'pharos.yaml'),
      `title: Demo\nstorage: { url: "sqlite:${join(clone, 'demo.db')}" }\n`,
    );
  });
  after(() => rm(clone, { recursive: true, force: true }));

  test('without --config in a clone, user add and token create use examples/pharos.yaml and say so', async () => {
    const made = await pharos(
      clone,
      'a long enough passphrase 42\n',
      'user',
      'add',
      '--email',
      'you@example.com',
      '--role',
      'owner',
    );
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stderr, /using examples\/pharos\.yaml/);
    const token = await pharos(clone, '', 'token', 'create', '--email', 'you@example.com', '--scopes', 'read,write');
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout, /^pht_/);
  });

  test('a weak password names "the password", a scope too high names --scopes; no body.… path', async () => {
    const weak = await pharos(clone, 'short\n', 'user', 'add', '--email', 'weak@example.com', '--role', 'viewer');
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /pharos user add: the password: /);
    assert.doesNotMatch(weak.stderr, /body\./);
    const viewer = await pharos(
      clone,
      'another long passphrase 7\n',
      'user',
      'add',
      '--email',
      'v@example.com',
      '--role',
      'viewer',
    );
    assert.equal(viewer.code, 0, viewer.stderr);
    const tooHigh = await pharos(clone, '', 'token', 'create', '--email', 'v@example.com', '--scopes', 'admin');
    assert.equal(tooHigh.code, 1);
    assert.match(tooHigh.stderr, /pharos token create: --scopes: a viewer cannot use the "admin" scope/);
    assert.doesNotMatch(tooHigh.stderr, /body\./);
  });

  test('outside a clone, the missing ./pharos.yaml is the error, as before', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'pharos-empty-'));
    try {
      const r = await pharos(empty, '', 'migrate');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /pharos\.yaml/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
