import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { buildKumaDatabase } from '../import/kuma-fixture.ts';

const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;
const GATUS = new URL('../fixtures/import/gatus/config.yaml', import.meta.url).pathname;

function pharos(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('pharos import-from', () => {
  let dir: string;
  let kuma: string;
  let config: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-cli-import-'));
    kuma = await buildKumaDatabase(dir);
    config = join(dir, 'pharos.yaml');
    await writeFile(config, `title: Import\nstorage: { url: "sqlite:${join(dir, 'p.db')}" }\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('--out writes a private config file that pharos check-config accepts, and prints one line per object', async () => {
    const out = join(dir, 'kuma.yaml');
    const r = await pharos({}, 'import-from', 'uptime-kuma', kuma, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^mapped +monitor "Postgres port" → monitor postgres-port \(tcp\)$/m);
    assert.match(r.stdout, /^left out +monitor "Gateway ping": type ping/m);
    assert.match(r.stdout, /^\d+ mapped, \d+ approximated, \d+ left out$/m);
    assert.doesNotMatch(r.stdout, /smtp-secret-pass|kuma-basic-secret/);
    assert.equal((await stat(out)).mode & 0o777, 0o600);
    assert.match(await readFile(out, 'utf8'), /smtp-secret-pass/, 'secrets are carried into the file');
    const check = await pharos({}, 'check-config', out);
    assert.equal(check.code, 0, check.stderr);
  });

  test('a Gatus config keeps its ${ENV} references; check-config passes with them set', async () => {
    const out = join(dir, 'gatus.yaml');
    const r = await pharos({}, 'import-from', 'gatus', GATUS, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(await readFile(out, 'utf8'), /url: \$\{SLACK_WEBHOOK_URL\}/);
    const env = {
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x',
      API_HOST: 'api.example.com',
      API_TOKEN: 't',
    };
    const check = await pharos(env, 'check-config', out);
    assert.equal(check.code, 0, check.stderr);
  });

  test('--into-store twice: the second run creates nothing', async () => {
    const first = await pharos(
      {},
      'import-from',
      'uptime-kuma',
      kuma,
      '--with-history',
      '--into-store',
      '--config',
      config,
    );
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /monitor "Website" → monitor website \(http\): .*created/);
    const second = await pharos(
      {},
      'import-from',
      'uptime-kuma',
      kuma,
      '--with-history',
      '--into-store',
      '--config',
      config,
    );
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /\bcreated\b/);
    const store = await openStore(`sqlite:${join(dir, 'p.db')}`);
    try {
      assert.equal((await store.admin.listCatalog('monitor')).length, 8);
      const audit = await store.admin.listAudit({ limit: 50, action: 'monitor.create' });
      assert.ok(audit.every((a) => a.actorLabel === 'cli import-from uptime-kuma'));
    } finally {
      await store.close();
    }
  });

  test('bad use: an unknown source, both outputs, a missing file', async () => {
    const unknown = await pharos({}, 'import-from', 'nagios', 'x');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown source "nagios"/);
    const both = await pharos({}, 'import-from', 'gatus', GATUS, '--out', join(dir, 'x.yaml'), '--into-store');
    assert.equal(both.code, 2);
    const missing = await pharos({}, 'import-from', 'gatus', join(dir, 'none.yaml'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*none\.yaml/);
    const dry = await pharos({}, 'import-from', 'gatus', GATUS);
    assert.equal(dry.code, 0);
    assert.match(dry.stderr, /nothing written/);
  });
});
