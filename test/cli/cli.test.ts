import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

const run = promisify(execFile);
const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;

async function pharos(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pharos CLI', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-cli-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('start on a port in use: one line naming the port and --port, exit 1, no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const file = join(dir, 'busy.yaml');
      await writeFile(
        file,
        `title: Busy\nstorage: { url: "sqlite:${join(dir, 'busy.db')}" }\nserver: { host: 127.0.0.1, port: ${port} }\nlogging: { level: error }\n`,
      );
      const r = await pharos('start', '--config', file);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr.trim(),
        `pharos start: port ${port} on 127.0.0.1 is already in use (another Pharos?): stop it, or choose another with --port N or server.port`,
      );
      assert.doesNotMatch(r.stdout, /EADDRINUSE|at .*\.ts:\d+/);
    } finally {
      busy.close();
    }
  });

  test('check-config accepts the sample config', async () => {
    const r = await pharos('check-config', new URL('../../examples/pharos.yaml', import.meta.url).pathname);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /OK \(6 monitors, 5 components\)/);
  });

  test('check-config exits 1 naming each problem by file, line and key path', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'title: Bad\nmonitors:\n  - id: a\n    type: http\n    url: http://127.0.0.1:1/\n    interval: soon\n    conditions: ["[STATUS] =! 200"]\n',
    );
    const r = await pharos('check-config', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`${file}:6:\\d+ monitors\\[0\\]\\.interval: "soon" is not a duration`));
    assert.match(r.stderr, /:7:\d+ monitors\[0\]\.conditions\[0\]: invalid condition/);
    assert.match(r.stderr, /2 problems/);
  });

  test('check-config refuses regexes that need backtracking, naming the key path and why', async () => {
    const file = join(dir, 'regex.yaml');
    await writeFile(
      file,
      [
        'monitors:',
        '  - id: a',
        '    type: http',
        '    url: http://127.0.0.1:1/',
        '    conditions: ["[STATUS] == 200", "[BODY] =~ /(ok)\\\\1/"]',
        '    degraded_when: "[BODY] =~ /slow(?=ly)/"',
        '  - id: b',
        '    type: http',
        '    url: http://127.0.0.1:1/',
        '    conditions: ["[BODY] =~ /^sink ok \\\\/(a+)+$/"]',
        '',
      ].join('\n'),
    );
    const r = await pharos('check-config', file);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /:5:\d+ monitors\[0\]\.conditions\[1\]: invalid condition "\[BODY\] =~ \/\(ok\)\\1\/": regular expression uses a backreference \(\\1\), which Pharos does not support \(patterns run in linear time\)/,
    );
    assert.match(
      r.stderr,
      /:6:\d+ monitors\[0\]\.degraded_when: invalid condition .*uses a lookahead \(\?=…\), which Pharos does not support/,
    );
    // nested quantifiers are fine: they run in linear time, so the review's pattern is accepted
    assert.doesNotMatch(r.stderr, /monitors\[1\]/);
    assert.match(r.stderr, /2 problems/);
  });

  test('migrate applies the schema to a new SQLite file, and again is a no-op', async () => {
    const file = join(dir, 'm.yaml');
    await writeFile(file, `storage: { url: "sqlite:${join(dir, 'm.db')}" }\n`);
    const first = await pharos('migrate', '--config', file);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /sqlite: applied [1-9]\d* migration/);
    const second = await pharos('migrate', '--config', file);
    assert.match(second.stdout, /applied 0 migration/);
  });

  test('schema prints the config JSON Schema', async () => {
    const r = await pharos('schema');
    assert.equal(r.code, 0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    for (const key of ['title', 'server', 'storage', 'components', 'monitors', 'maintenances', 'connectivity'])
      assert.ok(key in schema.properties, key);
  });

  test('unknown commands and bad flags exit 2 with usage', async () => {
    assert.equal((await pharos('frobnicate')).code, 2);
    const r = await pharos('start', '--port', 'abc');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--port must be a whole number/);
  });
});
