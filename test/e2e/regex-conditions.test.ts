import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../support/free-port.ts';
import { PharosProcess } from '../support/pharos-process.ts';
import { waitFor } from '../support/wait-for.ts';

const CLI = new URL('../../bin/pharos.js', import.meta.url).pathname;
/** The review's attack: nested quantifiers, and a body that makes a backtracking engine try 2^39 ways. */
const ATTACK = '[BODY] =~ /^sink ok \\/(a+)+$/';
const SINK_BODY = `sink ok /${'a'.repeat(39)}!`;

/** `pharos <args>` as an operator runs it, with `input` on stdin; its stdout. */
function cli(input: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`pharos ${args[0]} exited ${code}: ${err}`)),
    );
    child.stdin.end(input);
  });
}

describe('a ReDoS condition through the admin API of a running Pharos', () => {
  let dir: string;
  let pharos: PharosProcess;
  let target: http.Server;
  let targetUrl: string;
  let sinkRequests = 0;
  let token: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${pharos.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text() };
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-redos-'));
    target = http.createServer((req, res) => {
      if (req.url === '/sink') sinkRequests++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(SINK_BODY);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const config = join(dir, 'pharos.yaml');
    await writeFile(
      config,
      [
        'title: ReDoS',
        `storage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }`,
        'admin: { setup_link: false }',
        'egress: { allow: ["127.0.0.1/32"] }',
        '',
      ].join('\n'),
    );
    await cli(
      'a long enough passphrase 42\n',
      'user',
      'add',
      '--config',
      config,
      '--email',
      'owner@example.com',
      '--role',
      'owner',
    );
    token = (
      await cli('', 'token', 'create', '--config', config, '--email', 'owner@example.com', '--scopes', 'admin')
    ).trim();
    pharos = new PharosProcess('redos', { configFile: config, role: 'all', port: await freePort(), logDir: dir });
    await pharos.start();
  });

  after(async () => {
    await pharos?.dispose();
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  test('a monitor with the attack condition is checked every second while /healthz answers at once', async () => {
    const created = await api('POST', '/api/v1/monitors', {
      id: 'sink',
      type: 'http',
      url: `${targetUrl}/sink`,
      interval: '1s',
      timeout: '5s',
      conditions: ['[STATUS] == 200', ATTACK],
    });
    assert.equal(created.status, 201, created.text);
    await waitFor('the first check of the sink', () => sinkRequests >= 1, 15_000);

    // Each /healthz must answer within 1 s, for 4 s of checks; a backtracking engine would hold the event loop for hours.
    const checksBefore = sinkRequests;
    const until = Date.now() + 4_000;
    let answered = 0;
    while (Date.now() < until) {
      const started = Date.now();
      const status = await pharos.status('/healthz', 1_000);
      assert.equal(status, 200, `/healthz did not answer within 1 s (after ${answered} answers)\n${pharos.tail()}`);
      assert.ok(Date.now() - started < 1_000);
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(
      sinkRequests - checksBefore >= 2,
      `the monitor kept being checked (${sinkRequests - checksBefore} checks in 4 s)`,
    );

    const run = await api('POST', '/api/v1/monitors/sink/run');
    assert.equal(run.status, 200, run.text);
    const result = JSON.parse(run.text) as { ok: boolean; error: string };
    assert.equal(result.ok, false);
    assert.match(result.error, /"\[BODY\] =~ \/\^sink ok \\\/\(a\+\)\+\$\/" failed \(actual sink ok \/a+!\)/);
  });

  test('the admin API refuses backreferences and lookaround with a 400 naming the field', async () => {
    const refused = await api('POST', '/api/v1/monitors', {
      id: 'refused',
      type: 'http',
      url: `${targetUrl}/sink`,
      conditions: ['[STATUS] == 200', '[BODY] =~ /(a)\\1/'],
      degraded_when: '[BODY] =~ /(?<!x)y/',
    });
    assert.equal(refused.status, 400, refused.text);
    const { issues } = JSON.parse(refused.text) as { issues: { path: string; message: string }[] };
    assert.deepEqual(
      issues.map((i) => i.path),
      ['body.conditions.1', 'body.degraded_when'],
    );
    assert.match(
      issues[0]!.message,
      /regular expression uses a backreference \(\\1\), which Pharos does not support \(patterns run in linear time\)/,
    );
    assert.match(issues[1]!.message, /uses a negative lookbehind/);
    assert.equal((await api('GET', '/api/v1/monitors/refused')).status, 404);

    const tested = await api('POST', '/api/v1/monitors/test', {
      id: 'unsaved',
      type: 'http',
      url: `${targetUrl}/sink`,
      conditions: ['[BODY] =~ /a(?=b)/'],
    });
    assert.equal(tested.status, 400, tested.text);
    assert.match(tested.text, /body\.conditions\.0.*lookahead/);
  });
});
