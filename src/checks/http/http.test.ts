import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { checkContext } from '../../../test/support/checks-context.ts';
import { startHttpTestServer, type HttpTestServer } from '../../../test/support/http-test-server.ts';
import { testCertificates } from '../../../test/support/test-certificates.ts';
import type { Probe } from '../../domain/probe.ts';
import { httpCheck } from './index.ts';
import { closeKeepAliveAgents } from './keep-alive-agents.ts';
import { httpCheckFields } from './schema.ts';

let plain: HttpTestServer;
let other: HttpTestServer;

before(async () => {
  plain = await startHttpTestServer();
  other = await startHttpTestServer();
});
after(async () => {
  await closeKeepAliveAgents();
  await Promise.all([plain.close(), other.close()]);
});

function check(fields: Record<string, unknown>, timeoutMs = 2000): Promise<Probe | null> {
  const config = httpCheckFields.parse({ type: 'http', ...fields });
  return httpCheck.run(config, checkContext({ timeoutMs }));
}

async function probeOf(fields: Record<string, unknown>, timeoutMs?: number): Promise<Probe> {
  const probe = await check(fields, timeoutMs);
  assert.ok(probe, 'an http check always returns a probe');
  return probe;
}

describe('http check: responses', () => {
  test('a 200 records status, body, headers, remote address and timings', async () => {
    const probe = await probeOf({ url: `${plain.url}/status/200` });
    assert.equal(probe.error, undefined);
    assert.equal(probe.connected, true);
    assert.equal(probe.status, 200);
    assert.equal(probe.body, 'status 200');
    assert.equal(probe.headers?.['content-type'], 'text/plain');
    assert.equal(probe.ip, '127.0.0.1');
    assert.ok(probe.responseTimeMs >= 0 && probe.responseTimeMs < 1000);
    assert.equal(typeof probe.timings?.connect, 'number');
    assert.equal(typeof probe.timings?.firstByte, 'number');
    assert.equal(probe.timings?.tls, undefined);
    assert.equal(probe.certificateExpiresAt, undefined);
  });

  test('a 500 is not an error: the status is left for the conditions to judge', async () => {
    const probe = await probeOf({ url: `${plain.url}/status/500` });
    assert.equal(probe.error, undefined);
    assert.equal(probe.status, 500);
    assert.equal(probe.connected, true);
  });

  test('a JSON body and repeated headers are kept, header names lower-cased', async () => {
    const json = await probeOf({ url: `${plain.url}/json` });
    assert.deepEqual(JSON.parse(json.body ?? ''), { ok: true, service: 'pharos' });
    assert.equal(json.headers?.['content-type'], 'application/json');
    const headers = await probeOf({ url: `${plain.url}/headers` });
    assert.equal(headers.headers?.['x-test'], 'yes');
    assert.equal(headers.headers?.['set-cookie'], 'a=1, b=2');
  });

  test('method, headers and body are sent', async () => {
    const probe = await probeOf({
      url: `${plain.url}/echo`,
      method: 'POST',
      headers: { 'X-Token': 'abc' },
      body: 'hello',
    });
    const echoed = JSON.parse(probe.body ?? '') as { method: string; headers: Record<string, string>; body: string };
    assert.equal(echoed.method, 'POST');
    assert.equal(echoed.headers['x-token'], 'abc');
    assert.equal(echoed.body, 'hello');
  });

  test('credentials in the URL are sent as Basic auth', async () => {
    const probe = await probeOf({ url: `${plain.url.replace('//', '//user:p%40ss@')}/echo` });
    const echoed = JSON.parse(probe.body ?? '') as { headers: Record<string, string> };
    assert.equal(echoed.headers.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  test('HEAD has no body', async () => {
    const probe = await probeOf({ url: `${plain.url}/status/200`, method: 'HEAD' });
    assert.equal(probe.status, 200);
    assert.equal(probe.body, '');
  });

  test('the body is truncated to max_body_bytes, and a large body is not read past it', async () => {
    const small = await probeOf({ url: `${plain.url}/bytes/5000`, max_body_bytes: 100 });
    assert.equal(small.body, 'a'.repeat(100));
    const large = await probeOf({ url: `${plain.url}/bytes/20000000`, max_body_bytes: 10 });
    assert.equal(large.body, 'a'.repeat(10));
    assert.equal(large.error, undefined);
  });
});

describe('http check: redirects', () => {
  test('followed by default, up to the final response', async () => {
    const probe = await probeOf({ url: `${plain.url}/redirect/3` });
    assert.equal(probe.status, 200);
    assert.equal(probe.body, 'redirected');
  });

  test('not followed when follow_redirects is off: the 3xx and its location are the result', async () => {
    const probe = await probeOf({ url: `${plain.url}/redirect/1`, follow_redirects: false });
    assert.equal(probe.error, undefined);
    assert.equal(probe.status, 302);
    assert.equal(probe.headers?.location, '/redirect/0');
  });

  test('a redirect loop fails after 10 redirects', async () => {
    const probe = await probeOf({ url: `${plain.url}/redirect-loop` });
    assert.equal(probe.error, 'too many redirects (more than 10)');
    assert.equal(probe.status, undefined);
  });

  test('a 303 after a POST becomes a GET without body', async () => {
    const probe = await probeOf({
      url: `${plain.url}/see-other`,
      method: 'POST',
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
    });
    const echoed = JSON.parse(probe.body ?? '') as { method: string; headers: Record<string, string>; body: string };
    assert.equal(echoed.method, 'GET');
    assert.equal(echoed.body, '');
    assert.equal(echoed.headers['content-type'], undefined);
  });

  test('credentials and custom headers are not forwarded to another origin', async () => {
    const target = encodeURIComponent(`${other.url}/echo`);
    const probe = await probeOf({
      url: `${plain.url}/moved-to?url=${target}`,
      headers: { authorization: 'Bearer secret', 'x-api-key': 'owner-key', accept: 'application/json' },
    });
    const echoed = JSON.parse(probe.body ?? '') as { headers: Record<string, string> };
    assert.equal(echoed.headers.authorization, undefined);
    assert.equal(echoed.headers['x-api-key'], undefined, 'any custom header may be a credential');
    assert.equal(echoed.headers.accept, 'application/json');
  });
});

describe('http check: failures', () => {
  test('connection refused', async () => {
    const closed = await startHttpTestServer();
    await closed.close();
    const probe = await probeOf({ url: `${closed.url}/` });
    assert.equal(probe.connected, false);
    assert.equal(probe.error, `connect ECONNREFUSED 127.0.0.1:${closed.port}`);
    assert.equal(probe.status, undefined);
  });

  test('a slow response times out with the timeout in the message, connected but without status', async () => {
    const began = Date.now();
    const probe = await probeOf({ url: `${plain.url}/slow/3000` }, 100);
    assert.equal(probe.error, 'timeout after 100 ms');
    assert.equal(probe.connected, true);
    assert.ok(Date.now() - began < 1000);
  });

  test('a body that stalls after the headers times out', async () => {
    const probe = await probeOf({ url: `${plain.url}/stall-body` }, 150);
    assert.equal(probe.error, 'timeout after 150 ms');
  });

  test('a TLS handshake that never completes times out, and the client closes its socket', async () => {
    const open = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      socket.resume(); // read, or the client's FIN goes unnoticed
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const probe = await probeOf({ url: `https://127.0.0.1:${port}/` }, 150);
      assert.equal(probe.error, 'timeout after 150 ms');
      assert.equal(probe.connected, false);
      await sleep(50);
      assert.equal(open.size, 0, 'the aborted connection was closed');
    } finally {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('a shutdown abort says so', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const config = httpCheckFields.parse({ type: 'http', url: `${plain.url}/status/200` });
    const probe = await httpCheck.run(config, checkContext({ signal: controller.signal }));
    assert.equal(probe?.error, 'aborted: shutting down');
  });
});

describe('http check: connections', () => {
  test('each check opens a fresh connection by default, and every check so far has closed its own', async () => {
    const before = plain.connections();
    for (let i = 0; i < 3; i++) await probeOf({ url: `${plain.url}/status/204` });
    assert.equal(plain.connections() - before, 3);
    await sleep(50);
    assert.equal(plain.open(), 0);
    assert.equal(other.open(), 0);
  });

  test('keep_alive reuses one connection and still reports the remote address', async () => {
    const before = plain.connections();
    for (let i = 0; i < 6; i++) {
      const probe = await probeOf({ url: `${plain.url}/status/200`, keep_alive: true });
      assert.equal(probe.status, 200);
      assert.equal(probe.ip, '127.0.0.1');
    }
    // undici's pool may open a second connection while the first is still finishing its response.
    assert.ok(plain.connections() - before <= 2);
  });
});

describe('http check: https', () => {
  let trusted: HttpTestServer;
  let selfSigned: HttpTestServer;
  before(async () => {
    const certs = await testCertificates();
    trusted = await startHttpTestServer(certs.localhost);
    selfSigned = await startHttpTestServer(certs.selfSigned);
  });
  after(async () => Promise.all([trusted.close(), selfSigned.close()]));

  test('an untrusted chain is an error while verify_tls is on', async () => {
    const probe = await probeOf({ url: `${trusted.url}/status/200` });
    assert.equal(probe.connected, false);
    assert.equal(probe.error, 'unable to verify the first certificate');
    const self = await probeOf({ url: `${selfSigned.url}/status/200` });
    assert.equal(self.error, 'self-signed certificate');
  });

  test('verify_tls off accepts it and still records the certificate expiry and TLS timing', async () => {
    const probe = await probeOf({ url: `${trusted.url}/status/200`, verify_tls: false });
    assert.equal(probe.error, undefined);
    assert.equal(probe.status, 200);
    const inTwoDays = probe.startedAt + 2 * 86_400_000;
    assert.ok(probe.certificateExpiresAt !== undefined && Math.abs(probe.certificateExpiresAt - inTwoDays) < 120_000);
    assert.equal(typeof probe.timings?.tls, 'number');
  });
});
