import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { closeKeepAliveAgents } from '../../src/checks/http/keep-alive-agents.ts';
import { egressSchema, type EgressConfig } from '../../src/config/egress-schema.ts';
import { monitorSchema, type MonitorInput } from '../../src/config/monitor-schema.ts';
import type { CheckResult } from '../../src/domain/check-result.ts';
import { createEgressPolicy, type EgressOrigin } from '../../src/egress/egress-policy.ts';
import { compileMonitor } from '../../src/runtime/live-monitor.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { MonitorRunner } from '../../src/runtime/monitor-runner.ts';
import { PushInbox } from '../../src/runtime/push-inbox.ts';
import { startDnsTestServer, type DnsTestServer } from '../support/dns-test-server.ts';
import { startHttpTestServer, type HttpTestServer } from '../support/http-test-server.ts';

/** A monitor input without its id, per monitor type. */
type Target = MonitorInput extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never;

/** A runner as Pharos builds one; without `egress` it uses the default policy. */
function runner(egress?: Partial<EgressConfig>): MonitorRunner {
  return new MonitorRunner({
    concurrency: 4,
    pushInbox: new PushInbox(),
    logger: createLogger('silent'),
    egress: egress && createEgressPolicy(egressSchema.parse(egress)),
    onResult: () => undefined,
  });
}

async function run(on: MonitorRunner, input: Target, origin: Exclude<EgressOrigin, 'public'>): Promise<CheckResult> {
  const config = monitorSchema.parse({ id: 'target', timeout: '2s', ...input } as MonitorInput);
  const result = await on.runOnce(compileMonitor(config, [], origin));
  assert.ok(result);
  return result;
}

/** Sockets (TCP and UDP) the process opens while `fn` runs. */
async function socketsOpenedDuring<T>(fn: () => Promise<T>): Promise<{ value: T; sockets: number }> {
  let sockets = 0;
  const count = () => sockets++;
  diagnostics.subscribe('net.client.socket', count);
  diagnostics.subscribe('udp.socket', count);
  try {
    return { value: await fn(), sockets };
  } finally {
    diagnostics.unsubscribe('net.client.socket', count);
    diagnostics.unsubscribe('udp.socket', count);
  }
}

/** `connectedBefore`: an earlier hop (a redirect) did connect. */
function assertRefused(result: CheckResult, reason: RegExp, connectedBefore = false): void {
  assert.equal(result.ok, false);
  assert.equal(result.probe?.connected, connectedBefore);
  assert.match(result.probe?.error ?? '', /^refused by the egress policy: /);
  assert.match(result.probe?.error ?? '', reason);
}

let http: HttpTestServer;
let dns: DnsTestServer;
let tcp: net.Server;
let tcpPort = 0;
let tcpAccepted = 0;

before(async () => {
  http = await startHttpTestServer();
  dns = await startDnsTestServer({ zone: { 'app.internal': { A: ['10.0.0.7'] } } });
  tcp = net.createServer((socket) => {
    tcpAccepted++;
    socket.on('error', () => undefined);
    socket.end('hello\n');
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  tcpPort = (tcp.address() as net.AddressInfo).port;
});
after(async () => {
  // every server is closed whatever the others do: one left open keeps this file's process (and the run) alive
  const closed = await Promise.allSettled([
    closeKeepAliveAgents(),
    http?.close(),
    dns?.close(),
    tcp && new Promise<void>((resolve) => tcp.close(() => resolve())),
  ]);
  for (const c of closed) if (c.status === 'rejected') throw c.reason;
});

describe('default policy: cloud metadata is refused before connecting', () => {
  const defaults = runner();
  const targets: [name: string, input: Target][] = [
    ['http://169.254.169.254/', { type: 'http', url: 'http://169.254.169.254/latest/meta-data/' }],
    ['http with keep-alive', { type: 'http', url: 'http://169.254.169.254/', keep_alive: true }],
    ['https://[fd00:ec2::254]/', { type: 'http', url: 'https://[fd00:ec2::254]/' }],
    ['http://[::ffff:169.254.169.254]/', { type: 'http', url: 'http://[::ffff:169.254.169.254]/' }],
    ['http://2852039166/ (169.254.169.254 as one number)', { type: 'http', url: 'http://2852039166/' }],
    ['tcp 169.254.169.254:80', { type: 'tcp', host: '169.254.169.254', port: 80 }],
    ['tcp 100.100.100.200:80 (Alibaba)', { type: 'tcp', host: '100.100.100.200', port: 80 }],
    ['tls fd00:ec2::254', { type: 'tls', host: 'fd00:ec2::254' }],
    ['dns via resolver 169.254.169.254', { type: 'dns', query: 'example.com', resolver: '169.254.169.254' }],
  ];
  for (const [name, input] of targets) {
    test(`${name} (even from the config file)`, async () => {
      const { value: result, sockets } = await socketsOpenedDuring(() => run(defaults, input, 'config'));
      assertRefused(result, /is a (cloud metadata|link-local) address \(egress\.deny_metadata\)$/);
      assert.equal(sockets, 0, 'no socket opened');
    });
  }

  test('a redirect to the metadata address is refused at the hop', async () => {
    const before = http.connections();
    const result = await run(
      defaults,
      { type: 'http', url: `${http.url}/moved-to?url=http://169.254.169.254/latest/meta-data/` },
      'config',
    );
    assertRefused(result, /169\.254\.169\.254 is a cloud metadata address/, true);
    assert.equal(http.connections(), before + 1);
  });

  test('private and loopback targets still work, also from the API', async () => {
    const result = await run(defaults, { type: 'http', url: `${http.url}/status/200` }, 'api');
    assert.equal(result.ok, true);
    assert.equal(result.statusCode, 200);
  });
});

describe('deny_private: targets created through the API may not reach loopback or private ranges', () => {
  const strict = runner({ deny_private: true });

  test('http to 127.0.0.1 from the API is refused with the reason, without a connection', async () => {
    const before = http.connections();
    const result = await run(strict, { type: 'http', url: `${http.url}/status/200` }, 'api');
    assertRefused(
      result,
      /^refused by the egress policy: 127\.0\.0\.1 is a loopback address \(egress\.deny_private, for targets created through the API\)$/,
    );
    assert.equal(http.connections(), before);
  });

  test('the same target from the config file passes', async () => {
    const result = await run(strict, { type: 'http', url: `${http.url}/status/200` }, 'config');
    assert.equal(result.ok, true);
    assert.equal(result.statusCode, 200);
  });

  test('a name resolving to loopback (localhost) is refused after resolution', async () => {
    const before = http.connections();
    const result = await run(strict, { type: 'http', url: `http://localhost:${http.port}/status/200` }, 'api');
    assertRefused(result, /is a loopback address/);
    assert.equal(http.connections(), before);
  });

  test('a keep-alive connection opened for a config monitor never carries an API monitor request', async () => {
    const url = `http://localhost:${http.port}/status/200`;
    assert.equal((await run(strict, { type: 'http', url, keep_alive: true }, 'config')).ok, true);
    assertRefused(await run(strict, { type: 'http', url, keep_alive: true }, 'api'), /loopback address/);
    assert.equal((await run(strict, { type: 'http', url, keep_alive: true }, 'config')).ok, true);
  });

  test('tcp: literal and name refused from the API, allowed from the config file', async () => {
    const before = tcpAccepted;
    assertRefused(
      await run(strict, { type: 'tcp', host: '127.0.0.1', port: tcpPort }, 'api'),
      /127\.0\.0\.1 is a loopback address/,
    );
    assertRefused(await run(strict, { type: 'tcp', host: 'localhost', port: tcpPort }, 'api'), /loopback address/);
    assert.equal(tcpAccepted, before);
    assert.equal((await run(strict, { type: 'tcp', host: 'localhost', port: tcpPort }, 'config')).ok, true);
  });

  test('tls: a name resolving to loopback is refused before the handshake', async () => {
    const before = tcpAccepted;
    assertRefused(await run(strict, { type: 'tls', host: 'localhost', port: tcpPort }, 'api'), /loopback address/);
    assertRefused(await run(strict, { type: 'tls', host: '::1', port: tcpPort }, 'api'), /::1 is a loopback address/);
    assert.equal(tcpAccepted, before);
  });

  test('dns: a resolver on loopback is refused from the API, allowed from the config file', async () => {
    const queries = dns.queries.udp;
    assertRefused(
      await run(strict, { type: 'dns', query: 'app.internal', resolver: dns.resolver }, 'api'),
      /127\.0\.0\.1 is a loopback address/,
    );
    assert.equal(dns.queries.udp, queries);
    const allowed = await run(strict, { type: 'dns', query: 'app.internal', resolver: dns.resolver }, 'config');
    assert.equal(allowed.ok, true);
    assert.deepEqual(allowed.probe?.dnsAnswers, ['10.0.0.7']);
  });

  test('a range in `allow` wins over deny_private', async () => {
    const allowing = runner({ deny_private: true, allow: ['127.0.0.0/8', '::1'] });
    assert.equal((await run(allowing, { type: 'http', url: `${http.url}/status/200` }, 'api')).ok, true);
    assert.equal(
      (await run(allowing, { type: 'http', url: `http://localhost:${http.port}/status/200` }, 'api')).ok,
      true,
    );
    assert.equal((await run(allowing, { type: 'tcp', host: '127.0.0.1', port: tcpPort }, 'api')).ok, true);
  });
});
