import assert from 'node:assert/strict';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';

/**
 * What one client may hold of a real Pharos: live streams per address, the time to send a request, idle keep-alive,
 * and anonymous POSTs (small bodies, a per-address budget checked before the body is read). Over real sockets: the
 * timeouts and the "answered before the body arrives" checks only exist there.
 */

const PUSH_TOKEN = 'edge-push-token-0123456789';

interface RawExchange {
  /** everything the server sent */
  data: string;
  /** ms from the request's first bytes until the server's first bytes / its closing the connection (undefined: it did not within waitMs) */
  answeredAfterMs?: number;
  closedAfterMs?: number;
}

/** Writes `head` (and then `trickle` pieces every `everyMs`) on a raw connection and records what comes back until close or waitMs. */
function rawExchange(
  port: number,
  head: string,
  opts: { waitMs: number; trickle?: string[]; everyMs?: number },
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const out: RawExchange = { data: '' };
    let start = 0;
    const timers: NodeJS.Timeout[] = [];
    const finish = () => {
      for (const t of timers) clearTimeout(t);
      socket.destroy();
      resolve(out);
    };
    socket.on('connect', () => {
      start = performance.now();
      socket.write(head);
      (opts.trickle ?? []).forEach((piece, i) =>
        timers.push(setTimeout(() => socket.writable && socket.write(piece), (i + 1) * (opts.everyMs ?? 200))),
      );
      timers.push(setTimeout(finish, opts.waitMs));
    });
    socket.on('data', (chunk: Buffer) => {
      out.answeredAfterMs ??= performance.now() - start;
      out.data += chunk.toString();
    });
    socket.on('close', () => {
      out.closedAfterMs ??= performance.now() - start;
      finish();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // the server cutting the connection while we still write to it resets it: a close all the same
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') return reject(err);
      out.closedAfterMs ??= performance.now() - start;
      finish();
    });
  });
}

const statusOf = (data: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);

interface OpenStream {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
  req: ClientRequest;
  closed: boolean;
}

/** A live stream (or its refusal) on its own connection, as a proxy on 127.0.0.1 forwards it for `client`. */
function openStream(base: string, path: string, client: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { agent: false, headers: { 'x-forwarded-for': client } }, (res) => {
      const stream: OpenStream = { status: res.statusCode ?? 0, headers: res.headers, body: '', req, closed: false };
      res.on('close', () => (stream.closed = true));
      if (res.headers['content-type']?.startsWith('text/event-stream')) {
        res.once('data', (c: Buffer) => ((stream.body = c.toString()), resolve(stream)));
      } else {
        res.on('data', (c: Buffer) => (stream.body += c.toString()));
        res.on('end', () => resolve(stream));
      }
    });
    req.on('error', reject);
    req.end();
  });
}

describe('per-client limits of the HTTP edge, on a real server', () => {
  let dir: string;
  let pharos: RunningPharos;
  let port: number;
  const streams: OpenStream[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-edge-'));
    const config = parseConfigText(
      `
title: Edge
server: { host: 127.0.0.1, trust_proxy: [127.0.0.1], headers_timeout: 1s, request_timeout: 2s, keep_alive_timeout: 1s, public_posts_per_minute: 5 }
storage: { url: "sqlite:${join(dir, 'e.db')}", batch_interval: 20ms }
admin: { setup_link: false }
components:
  - { id: job, name: Nightly job, monitors: [nightly] }
monitors:
  - { id: nightly, type: push, token: "${PUSH_TOKEN}", interval: 1h, grace: 1h }
`,
      'edge.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
    port = Number(new URL(pharos.url).port);
  });
  after(async () => {
    for (const s of streams) s.req.destroy();
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('one client address holds at most 20 live streams (the 21st gets 429); others are not held back', async () => {
    const a = '203.0.113.1';
    for (let i = 0; i < 20; i++) {
      const s = await openStream(pharos.url, '/api/v2/stream', a);
      streams.push(s);
      assert.equal(s.status, 200, `stream ${i + 1}`);
    }
    const over = await openStream(pharos.url, '/api/v2/stream', a);
    assert.equal(over.status, 429);
    assert.equal(JSON.parse(over.body).error, 'too_many_streams');
    const other = await openStream(pharos.url, '/api/v2/stream', '203.0.113.2');
    streams.push(other);
    assert.equal(other.status, 200, 'another client address still gets one');
    // a stream that ends gives its slot back
    streams.shift()!.req.destroy();
    const again = await (async () => {
      for (let i = 0; i < 50; i++) {
        const s = await openStream(pharos.url, '/api/v2/stream', a);
        if (s.status === 200) return s;
        await new Promise((r) => setTimeout(r, 20));
      }
      return undefined;
    })();
    assert.ok(again, 'the slot came back');
    streams.push(again);
  });

  test('a live stream outlives request_timeout: it limits receiving the request, not the answer', async () => {
    const s = await openStream(pharos.url, '/api/v2/stream', '203.0.113.3');
    streams.push(s);
    assert.equal(s.status, 200);
    await new Promise((r) => setTimeout(r, 3_500));
    assert.equal(s.closed, false, 'still open after 3.5 s with request_timeout 2s');
  });

  test("headers that never finish are cut after headers_timeout, not Node's 60 s", async () => {
    const res = await rawExchange(port, 'GET /api/v2/summary.json HTTP/1.1\r\nHost: x\r\nX-Slow: ', {
      waitMs: 5_000,
      trickle: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      everyMs: 300,
    });
    assert.ok(res.closedAfterMs !== undefined && res.closedAfterMs < 3_000, `closed after ${res.closedAfterMs} ms`);
    assert.equal(statusOf(res.data), 408);
  });

  test("a body that trickles in is cut after request_timeout, not Node's 300 s", async () => {
    const head = `POST /api/push/${PUSH_TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n`;
    const res = await rawExchange(port, head, {
      waitMs: 6_000,
      trickle: Array.from({ length: 25 }, () => 'x'),
      everyMs: 200,
    });
    assert.ok(
      res.closedAfterMs !== undefined && res.closedAfterMs > 1_500 && res.closedAfterMs < 4_500,
      `closed after ${res.closedAfterMs} ms`,
    );
  });

  test('an idle keep-alive connection is closed after keep_alive_timeout', async () => {
    const res = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', { waitMs: 4_000 });
    assert.equal(statusOf(res.data), 200);
    assert.ok(
      res.closedAfterMs !== undefined && res.closedAfterMs < 3_000,
      `closed after ${res.closedAfterMs} ms (Node's default is 5 s)`,
    );
  });

  test('an anonymous POST declaring a body over 8 KB gets 413 at once, before any of it is sent', async () => {
    const posts: [string, string, number][] = [
      ['/subscribe', 'application/x-www-form-urlencoded', 12_000],
      ['/api/v2/subscribers', 'application/json', 12_000],
      ['/_access', 'application/x-www-form-urlencoded', 9_000],
      [`/api/push/${PUSH_TOKEN}`, 'text/plain', 100_000],
      ['/subscribers/unsubscribe?s=x&sig=y', 'multipart/form-data; boundary=b', 50_000],
    ];
    for (const [path, type, length] of posts) {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.${length % 250}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`;
      const res = await rawExchange(port, head, { waitMs: 1_500 });
      assert.equal(statusOf(res.data), 413, `${path}: ${res.data.slice(0, 200)}`);
      assert.match(res.data, /body_too_large/);
      assert.match(res.data, /[Cc]onnection: close/, 'the unread body is not drained');
    }
    const chunked = await rawExchange(
      port,
      'POST /subscribe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n',
      { waitMs: 1_500 },
    );
    assert.equal(statusOf(chunked.data), 411);
  });

  test('the per-address budget of anonymous POSTs is checked before the body is read', async () => {
    const client = '198.51.100.77';
    const post = () =>
      fetch(`${pharos.url}/subscribe`, {
        method: 'POST',
        headers: { 'x-forwarded-for': client, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=a%40example.com',
      });
    for (let i = 0; i < 5; i++) assert.notEqual((await post()).status, 429, `post ${i + 1} is within the budget`);
    // the next one announces a body and never sends it: it is answered anyway, from its headers alone
    const head = `POST /subscribe HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${client}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n`;
    const res = await rawExchange(port, head, { waitMs: 1_500 });
    assert.equal(statusOf(res.data), 429, res.data.slice(0, 200));
    assert.match(res.data, /[Rr]etry-[Aa]fter: \d+/);
    assert.ok(res.answeredAfterMs! < 1_000);
    // the budget is the client's own: the page's password form from another address still gets through to its check
    const other = await fetch(`${pharos.url}/subscribe`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '198.51.100.78', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=b%40example.com',
    });
    assert.notEqual(other.status, 429);
  });

  test('push keeps working with whatever body a client sends along, within the limit', async () => {
    const push = (init: RequestInit = {}) => fetch(`${pharos.url}/api/push/${PUSH_TOKEN}?status=up&msg=ok`, init);
    assert.equal((await push()).status, 200, 'GET');
    assert.equal((await push({ method: 'POST' })).status, 200, 'POST without a body');
    assert.equal(
      (
        await push({
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'status=up',
        })
      ).status,
      200,
      'curl -d',
    );
    assert.equal(
      (await push({ method: 'POST', headers: { 'content-type': 'application/json' } })).status,
      200,
      'JSON header, no body',
    );
    assert.equal(
      (await push({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"anything":1}' })).status,
      200,
      'JSON body',
    );
    assert.equal(
      (
        await push({
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: Buffer.alloc(8_192),
        })
      ).status,
      200,
      '8 KB',
    );
    for (let i = 0; i < 8; i++)
      assert.equal(
        (await push({ method: 'POST' })).status,
        200,
        'push is not in the anonymous budget (its token is its key)',
      );
    assert.equal(
      (await fetch(`${pharos.url}/api/push/${PUSH_TOKEN}`, { method: 'POST', body: Buffer.alloc(8_193) })).status,
      413,
    );
    assert.equal((await fetch(`${pharos.url}/api/push/not-a-token`)).status, 404);
  });
});
