import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkContext } from '../../../test/support/checks-context.ts';
import type { Probe } from '../../domain/probe.ts';
import { tcpCheck } from './index.ts';
import { tcpCheckFields } from './schema.ts';

interface TcpTestServer {
  port: number;
  /** Connections the server still holds open. */
  open(): number;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 whose behaviour on each connection is `onConnection`. */
async function startTcpServer(onConnection: (socket: net.Socket) => void): Promise<TcpTestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
    socket.resume(); // read, so that the client's close is noticed
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let banner: TcpTestServer;
let echo: TcpTestServer;
let silent: TcpTestServer;
let hangUp: TcpTestServer;

before(async () => {
  banner = await startTcpServer((socket) => socket.write('SSH-2.0-PharosTest\r\n'));
  echo = await startTcpServer((socket) => socket.pipe(socket));
  silent = await startTcpServer(() => undefined);
  hangUp = await startTcpServer((socket) => socket.end('bye\r\n'));
});
after(() => Promise.all([banner, echo, silent, hangUp].map((server) => server.close())));

async function check(fields: Record<string, unknown>, timeoutMs = 2000): Promise<Probe> {
  const config = tcpCheckFields.parse({ type: 'tcp', host: '127.0.0.1', ...fields });
  const probe = await tcpCheck.run(config, checkContext({ timeoutMs }));
  assert.ok(probe);
  return probe;
}

describe('tcp check', () => {
  test('connecting is enough without expect', async () => {
    const probe = await check({ port: silent.port });
    assert.equal(probe.error, undefined);
    assert.equal(probe.connected, true);
    assert.equal(probe.ip, '127.0.0.1');
    assert.equal(typeof probe.timings?.connect, 'number');
    assert.ok(probe.responseTimeMs < 1000);
  });

  test('a banner matching expect', async () => {
    const probe = await check({ port: banner.port, expect: 'SSH-2.0' });
    assert.equal(probe.error, undefined);
    assert.equal(probe.body, 'SSH-2.0-PharosTest\r\n');
  });

  test('send, then expect the reply', async () => {
    const probe = await check({ port: echo.port, send: 'PING\r\n', expect: 'PING' });
    assert.equal(probe.error, undefined);
    assert.equal(probe.connected, true);
  });

  test('send without expect succeeds once written', async () => {
    const probe = await check({ port: echo.port, send: 'hello' });
    assert.equal(probe.error, undefined);
  });

  test('expect mismatch: the server closes first', async () => {
    const probe = await check({ port: hangUp.port, expect: 'welcome' });
    assert.equal(probe.connected, true);
    assert.equal(probe.error, 'connection closed before "welcome" was received (received "bye\\r\\n")');
  });

  test('expect mismatch: nothing arrives before the timeout', async () => {
    const probe = await check({ port: banner.port, expect: 'HTTP/1.1' }, 150);
    assert.equal(probe.connected, true);
    assert.equal(probe.error, 'timeout after 150 ms waiting for "HTTP/1.1" (received "SSH-2.0-PharosTest\\r\\n")');
  });

  test('connection refused', async () => {
    const closed = await startTcpServer(() => undefined);
    await closed.close();
    const probe = await check({ port: closed.port });
    assert.equal(probe.connected, false);
    assert.equal(probe.error, `connect ECONNREFUSED 127.0.0.1:${closed.port}`);
  });

  test('an already aborted signal reports the abort without connecting', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const config = tcpCheckFields.parse({ type: 'tcp', host: '127.0.0.1', port: silent.port });
    const probe = await tcpCheck.run(config, checkContext({ signal: controller.signal }));
    assert.equal(probe?.connected, false);
    assert.equal(probe?.error, 'aborted: shutting down');
  });

  test('a hostile expect against a server that streams many chunks costs only the new text of each chunk', async () => {
    // includes() over the 64 KiB window took ~15 ms a chunk for this needle: 400 paced chunks held the event loop for seconds
    const chunk = 'a'.repeat(4096);
    const streamer = await startTcpServer((socket) => {
      let sent = 0;
      const next = () => (++sent > 400 ? socket.end() : socket.write(chunk, () => setTimeout(next, 1)));
      next();
    });
    try {
      const started = performance.now();
      const probe = await check({ port: streamer.port, expect: `${'a'.repeat(500)}b${'a'.repeat(500)}` }, 30_000);
      const elapsed = performance.now() - started;
      assert.match(probe.error ?? '', /connection closed before/);
      assert.ok(elapsed < 3000, `took ${Math.round(elapsed)} ms`);
    } finally {
      await streamer.close();
    }
  });

  test('no check leaves a connection open', async () => {
    await sleep(50);
    assert.deepEqual(
      [banner, echo, silent, hangUp].map((server) => server.open()),
      [0, 0, 0, 0],
    );
  });
});
