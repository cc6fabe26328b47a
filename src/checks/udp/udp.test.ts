import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { checkContext } from '../../../test/support/checks-context.ts';
import { monitorSchema } from '../../config/monitor-schema.ts';
import { judgeProbe } from '../../domain/judge-probe.ts';
import type { Probe } from '../../domain/probe.ts';
import { createEgressPolicy } from '../../egress/egress-policy.ts';
import { parseCondition } from '../../domain/conditions/index.ts';
import { udpCheck } from './index.ts';
import { udpCheckFields } from './schema.ts';

interface UdpTestServer {
  port: number;
  /** Datagrams received, as text. */
  received: string[];
  close(): Promise<void>;
}

/** A UDP server on 127.0.0.1; `reply` says what to answer to a datagram (undefined: stay silent). */
async function startUdpServer(reply: (message: string) => string | undefined): Promise<UdpTestServer> {
  const socket = dgram.createSocket('udp4');
  const received: string[] = [];
  socket.on('message', (message, from) => {
    received.push(message.toString('utf8'));
    const answer = reply(message.toString('utf8'));
    if (answer !== undefined) socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

let echo: UdpTestServer;
let silent: UdpTestServer;

before(async () => {
  echo = await startUdpServer((message) => `pong:${message}`);
  silent = await startUdpServer(() => undefined);
});
after(() => Promise.all([echo, silent].map((server) => server.close())));

async function check(
  fields: Record<string, unknown>,
  overrides: Parameters<typeof checkContext>[0] = {},
): Promise<Probe> {
  const config = udpCheckFields.parse({ type: 'udp', host: '127.0.0.1', ...fields });
  const probe = await udpCheck.run(config, checkContext({ timeoutMs: 2000, ...overrides }));
  assert.ok(probe);
  return probe;
}

/** An egress guard as Pharos builds one for monitors created through the API (private and loopback denied). */
const strictGuard = () => createEgressPolicy({ deny_metadata: true, deny_private: true, allow: [] }).guardFor('api');

describe('udp check', () => {
  test('a reply: connected, its text in [BODY]', async () => {
    const probe = await check({ port: echo.port, body: 'ping' });
    assert.equal(probe.error, undefined);
    assert.equal(probe.connected, true);
    assert.equal(probe.body, 'pong:ping');
    assert.equal(probe.ip, '127.0.0.1');
    assert.ok(probe.responseTimeMs < 1000);
    assert.ok(echo.received.includes('ping'));
  });

  test('without a body, an empty datagram is sent', async () => {
    const probe = await check({ port: echo.port });
    assert.equal(probe.connected, true);
    assert.equal(probe.body, 'pong:');
  });

  test('a name is resolved by the guarded lookup', async () => {
    const probe = await check({ host: 'localhost', port: echo.port, body: 'by-name' });
    assert.equal(probe.connected, true);
    assert.equal(probe.body, 'pong:by-name');
  });

  test('conditions judge [CONNECTED] and [BODY]', async () => {
    const probe = await check({ port: echo.port, body: 'status' });
    const conditions = ['[CONNECTED] == true', '[BODY] == pong:status'].map((c) => parseCondition(c));
    assert.equal(judgeProbe('m', probe, conditions, undefined).ok, true);
    const wrong = [parseCondition('[BODY] contains ready')];
    assert.equal(judgeProbe('m', probe, wrong, undefined).ok, false);
  });

  test('no reply before the timeout: not connected', async () => {
    const probe = await check({ port: silent.port, body: 'anyone?' }, { timeoutMs: 150 });
    assert.equal(probe.connected, false);
    assert.equal(probe.error, 'timeout after 150 ms waiting for a reply');
    assert.equal(probe.body, undefined);
  });

  test('a closed port: the ICMP "unreachable" fails the check before the timeout', async () => {
    const closed = await startUdpServer(() => undefined);
    await closed.close();
    const probe = await check({ port: closed.port, body: 'x' });
    assert.equal(probe.connected, false);
    assert.match(probe.error ?? '', /ECONNREFUSED/);
    assert.ok(probe.responseTimeMs < 1000);
  });

  test('an already aborted signal reports the abort', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const probe = await check({ port: echo.port }, { signal: controller.signal });
    assert.equal(probe.connected, false);
    assert.equal(probe.error, 'aborted: shutting down waiting for a reply');
  });

  test('the egress policy refuses a denied literal address before anything is sent', async () => {
    const before = echo.received.length;
    const probe = await check({ port: echo.port, body: 'leak' }, { egress: strictGuard() });
    assert.equal(probe.connected, false);
    assert.match(probe.error ?? '', /^refused by the egress policy: 127\.0\.0\.1 is a loopback address/);
    assert.equal(echo.received.length, before);
  });

  test('the egress policy refuses a name that resolves to a denied address', async () => {
    const before = echo.received.length;
    const probe = await check({ host: 'localhost', port: echo.port, body: 'leak' }, { egress: strictGuard() });
    assert.equal(probe.connected, false);
    assert.match(probe.error ?? '', /^refused by the egress policy: .* is a loopback address/);
    assert.equal(echo.received.length, before);
  });

  test('as a monitor: the config file form, defaults and public target', () => {
    const monitor = monitorSchema.parse({
      id: 'game',
      type: 'udp',
      host: 'game.example.com',
      port: 27015,
      body: 'ping',
    });
    assert.equal(monitor.type, 'udp');
    assert.deepEqual(monitor.conditions, ['[CONNECTED] == true']);
    assert.equal(udpCheck.publicTarget(udpCheckFields.parse(udpCheck.example)), 'game.example.com:27015');
    assert.equal(
      monitorSchema.safeParse({ id: 'game', type: 'udp', host: 'h', port: 1, conditions: ['[STATUS] == 200'] }).success,
      false,
    );
  });
});
