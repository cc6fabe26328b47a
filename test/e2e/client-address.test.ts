import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';

/**
 * server.trust_proxy against a real Pharos: the client is the right-most X-Forwarded-For address that is not a trusted
 * proxy. A client that writes its own X-Forwarded-For entries (the proxy appends the address it saw after them) can
 * neither pass an ip_allow page nor start afresh with any per-address limit, nor choose the audit log's address.
 */

const PASSWORD = 'correct horse battery staple';

/** hashPassword's format at the lowest cost verifyPassword reads, so that many wrong tries take milliseconds */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 64, { N: 1024, r: 8, p: 1 });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(key)}`;
}

const config = (dir: string, trustProxy: string) => `
title: Acme
server: { host: 127.0.0.1, trust_proxy: ${trustProxy} }
storage: { url: "sqlite:${join(dir, `p-${randomBytes(4).toString('hex')}.db`)}", batch_interval: 20ms }
admin: { setup_link: false }
subscribers: { enabled: true, webhooks: true, per_ip_per_hour: 3 }
components:
  - { id: web, name: Website }
pages:
  - { slug: open, title: Acme Status, default: true }
  - { slug: office, title: Acme Office, access: { ip_allow: ["10.0.0.0/8"] } }
  - { slug: secret, title: Acme Secret, access: { password_hash: "${cheapHash(PASSWORD)}" } }
`;

describe('the client address behind trusted proxies, through the real server', () => {
  let dir: string;
  let pharos: RunningPharos;
  /** a request as a proxy on 127.0.0.1 forwards it: whatever the client wrote, then the address the proxy saw */
  const viaProxy = (path: string, client: string, forged: string[] = [], init: RequestInit = {}) =>
    fetch(`${pharos.url}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': [...forged, client].join(', ') },
    });
  let forgedCounter = 0;
  /** a different private address every time: the left-most entries an attacker writes */
  const forged = () => [`10.${++forgedCounter}.1.1`];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-client-address-'));
    pharos = await startPharos({
      config: parseConfigText(config(dir, '[127.0.0.1]'), 'client-address.yaml', {}),
      port: 0,
      logger: createLogger('silent'),
    });
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('an ip_allow page believes the proxy, not what the client wrote to the left of it', async () => {
    assert.equal(
      (await viaProxy('/office/api/v2/summary.json', '203.0.113.9', ['10.1.1.1'])).status,
      401,
      'a forged 10.x entry opens nothing',
    );
    assert.equal((await viaProxy('/office/api/v2/summary.json', '203.0.113.9', ['10.1.1.1', '10.2.2.2'])).status, 401);
    assert.equal(
      (await viaProxy('/office/api/v2/summary.json', '10.9.9.9')).status,
      200,
      'the proxy says the client is in 10/8',
    );
    assert.equal((await viaProxy('/office/api/v2/summary.json', '10.9.9.9', ['203.0.113.9'])).status, 200);
    // a connection that is no trusted proxy is the client itself, whatever its header says
    const direct = await pharos.app.inject({
      url: '/office/api/v2/summary.json',
      remoteAddress: '198.51.100.1',
      headers: { 'x-forwarded-for': '10.1.1.1' },
    });
    assert.equal(direct.statusCode, 401);
  });

  test('the private page password throttle counts the real client however it rewrites the header', async () => {
    const client = '203.0.113.20';
    const post = (password: string) =>
      viaProxy('/secret/_access', client, forged(), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          origin: pharos.url,
        },
        body: new URLSearchParams({ password }).toString(),
      });
    for (let i = 0; i < 10; i++) assert.equal((await post(`wrong ${i}`)).status, 401, `try ${i}`);
    assert.equal((await post(PASSWORD)).status, 429, 'throttled, though every try named another address on the left');
    // another real client is not held back by it
    const other = await viaProxy('/secret/_access', '203.0.113.21', [], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', origin: pharos.url },
      body: new URLSearchParams({ password: PASSWORD }).toString(),
    });
    assert.equal(other.status, 303);
  });

  test('subscriber sign-ups per address count the real client', async () => {
    const signUp = () =>
      viaProxy('/api/v2/subscribers', '203.0.113.30', forged(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    for (let i = 0; i < 3; i++)
      assert.equal((await signUp()).status, 400, `sign-up ${i} (an empty one: refused, but counted)`);
    const res = await signUp();
    assert.equal(res.status, 429);
    assert.equal(((await res.json()) as { error: string }).error, 'rate_limited');
  });

  test('admin sign-in: the per-address limit and the audit log see the real client', async () => {
    const client = '203.0.113.40';
    const login = () =>
      viaProxy('/api/v1/auth/login', client, forged(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@acme.test', password: 'not-the-password' }),
      });
    let last = 0;
    for (let i = 0; i < 11 && last !== 429; i++) last = (await login()).status;
    assert.equal(last, 429, 'the sign-in throttle caught the client');
    const failed = await pharos.store.admin.listAudit({ limit: 50, action: 'user.login.failed' });
    assert.ok(failed.length >= 5, `${failed.length} failed sign-ins audited`);
    for (const entry of failed)
      assert.equal(entry.ip, client, 'the audit entry names the real client, not the forged entry');
  });

  test('trust_proxy as a hop count: the address that many hops from the connection is the client', async () => {
    const hops = await startPharos({
      config: parseConfigText(config(dir, '2'), 'hops.yaml', {}),
      port: 0,
      logger: createLogger('silent'),
    });
    try {
      const office = (xff: string) =>
        hops.app.inject({
          url: '/office/api/v2/summary.json',
          remoteAddress: '192.0.2.10',
          headers: { 'x-forwarded-for': xff },
        });
      // a CDN appended the viewer, the load balancer appended the CDN: the viewer is 2 hops from the connection
      assert.equal(
        (await office('10.1.1.1, 203.0.113.9, 192.0.2.20')).statusCode,
        401,
        'the forged left-most entry is ignored',
      );
      assert.equal((await office('203.0.113.9, 10.1.1.1, 192.0.2.20')).statusCode, 200, 'the viewer is in 10/8');
    } finally {
      await hops.close();
    }
  });
});

describe('server.trust_proxy in the config', () => {
  const parse = (value: string) =>
    parseConfigText(`title: T\nserver:\n  port: 3000\n  trust_proxy: ${value}\n`, 'pharos.yaml', {});

  test('`true` is refused with the key, the line and how to migrate', () => {
    for (const value of ['true', '"true"']) {
      assert.throws(
        () => parse(value),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.equal(err.issues.length, 1);
          const [issue] = err.issues;
          assert.equal(issue!.path, 'server.trust_proxy');
          assert.equal(issue!.line, 4);
          assert.match(issue!.message, /`true` is no longer accepted/);
          assert.match(issue!.message, /trust_proxy: 1/);
          assert.match(issue!.message, /trust_proxy: \[10\.0\.0\.0\/8, 127\.0\.0\.1\]/);
          return true;
        },
      );
    }
  });

  test('hop counts, address lists and false are read; anything else names what is wrong', () => {
    const rows: [string, unknown][] = [
      ['false', false],
      ['0', false],
      ['1', 1],
      ['"2"', 2],
      ['[10.0.0.0/8, 127.0.0.1, "fd00::/8"]', ['10.0.0.0/8', '127.0.0.1', 'fd00::/8']],
      ['"10.0.0.0/8, 127.0.0.1"', ['10.0.0.0/8', '127.0.0.1']],
      ['[]', false],
    ];
    for (const [value, expected] of rows) assert.deepEqual(parse(value).server.trust_proxy, expected, value);
    assert.equal(parseConfigText('title: T\n', 'p.yaml', {}).server.trust_proxy, false, 'default: nobody is trusted');
    const wrong: [string, RegExp][] = [
      ['[10.0.0.0/8, proxy.internal]', /"proxy\.internal" is not an IP address or CIDR range/],
      ['[10.0.0.0/33]', /"10\.0\.0\.0\/33" is not an IP address/],
      ['11', /a number of proxy hops from 1 to 10/],
      ['1.5', /a number of proxy hops/],
      ['-1', /a number of proxy hops/],
    ];
    for (const [value, message] of wrong)
      assert.throws(
        () => parse(value),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.issues[0]!.path === 'server.trust_proxy' &&
          message.test(err.issues[0]!.message),
        value,
      );
  });
});
