import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyPassword } from '../../src/auth/password.ts';
import { newSecret, hashSecret } from '../../src/auth/secret-token.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.ts';
import { waitFor } from '../support/wait-for.ts';
import { freePort } from '../support/free-port.ts';

const PASSWORD = 'correct horse battery staple';

/**
 * A hash in `hashPassword`'s format at the lowest cost `verifyPassword` reads (scrypt N=2^10), so that the throttle
 * test's many wrong tries take milliseconds; `pharos hash-password` makes real ones (checked at the end).
 */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 64, { N: 1024, r: 8, p: 1 });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(key)}`;
}

/** A GET with any Host header on the real server's fast path (fetch() does not let a test set it). */
function getWithHost(
  base: string,
  path: string,
  host: string,
): Promise<{ status: number; cacheControl: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cacheControl: res.headers['cache-control'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A free port on 127.0.0.1: the base URL (and so the SSO redirect URI) has to be known before Pharos starts. */
interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

/** A GET that follows no redirect; a live stream is read up to its first event and closed. */
async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = res.body!.getReader();
    const first = await reader.read();
    controller.abort();
    return { status: res.status, headers: res.headers, body: Buffer.from(first.value ?? []).toString() };
  }
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** `name=value` of a Set-Cookie header with that name. */
function cookieFrom(res: { headers: Headers }, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];
}

describe('private status pages through the real server', () => {
  let dir: string;
  let base: string;
  let provider: OidcTestProvider;
  let pharos: RunningPharos;
  let endpoints: string[];

  const postPassword = (slug: string, password: string, headers: Record<string, string> = { origin: base }) =>
    fetch(`${base}/${slug}/_access`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams({ password, return: `/${slug}/history` }).toString(),
    });

  /** Runs the SSO flow as a browser would and returns the page cookie (or the failed answer). */
  const signInWithSso = async (sub: string): Promise<{ cookie?: string; failed?: Answer }> => {
    provider.loginAs(sub);
    const start = await get(`${base}/sso/_access/oidc`);
    assert.equal(start.status, 303);
    const pending = cookieFrom(start, 'pharos_sso_pending');
    assert.ok(pending, 'the pending sign-in is kept in a cookie');
    const callback = await provider.authorize(start.headers.get('location')!);
    assert.equal(`${callback.origin}${callback.pathname}`, `${base}/_access/oidc/callback`);
    const back = await get(callback.toString(), { cookie: pending });
    if (back.status !== 303) return { failed: back };
    const grantUrl = back.headers.get('location')!;
    assert.ok(grantUrl.startsWith(`${base}/sso/_access/grant?t=`), grantUrl);
    const granted = await get(grantUrl);
    assert.equal(granted.status, 303);
    assert.equal(granted.headers.get('location'), '/sso/');
    const replayed = await get(grantUrl);
    assert.equal(replayed.status, 400, 'a grant link works once');
    return { cookie: cookieFrom(granted, 'pharos_page_sso') };
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-private-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcTestProvider({
      clients: [
        {
          client_id: 'pharos',
          client_secret: 'test-client-secret',
          redirect_uris: [`${base}/_access/oidc/callback`, `${base}/admin/login/oidc/callback`],
        },
      ],
      accounts: [
        { sub: 'alice', email: 'alice@acme.test', email_verified: true, name: 'Alice' },
        { sub: 'mallory', email: 'mallory@elsewhere.test', email_verified: true, name: 'Mallory' },
      ],
    });
    const hash = cheapHash(PASSWORD);
    const config = parseConfigText(
      `
title: Acme
server: { host: 127.0.0.1, port: ${port}, base_url: "${base}" }
storage: { url: "sqlite:${join(dir, 'p.db')}", batch_interval: 20ms }
admin:
  setup_link: false
  oidc: { issuer: "${provider.issuer}", client_id: pharos, client_secret: test-client-secret, roles: { viewer: { emails: ["*@acme.test"] } } }
components:
  - { id: web, name: Website, monitors: [web-check] }
monitors:
  - { id: web-check, type: tcp, host: 127.0.0.1, port: 1, interval: 1s, timeout: 200ms, failure_threshold: 1 }
pages:
  - { slug: open, title: Acme Status, default: true }
  - { slug: secret, title: Acme Secret, access: { password_hash: "${hash}", signed_in: true } }
  - { slug: office, title: Acme Office, access: { ip_allow: ["127.0.0.1/32", "::1"] } }
  - { slug: branch, title: Acme Branch, domains: [branch.acme.test], access: { ip_allow: ["10.0.0.0/8"] } }
  - { slug: sso, title: Acme SSO, domains: [sso.acme.test], access: { oidc: true } }
  - { slug: partner, title: Acme Partner, domains: [partner.acme.test], access: { password_hash: "${hash}" } }
`,
      'private.yaml',
      {},
    );
    pharos = await startPharos({ config, port, logger: createLogger('silent') });
    // an incident, for its permalink: the monitor's target refuses connections
    const incident = await waitFor('an automatic incident', async () => {
      const s = (await (await fetch(`${base}/office/api/v2/summary.json`)).json()) as { incidents: { id: string }[] };
      return s.incidents[0];
    });
    endpoints = [
      '/',
      '/api/v2/summary.json',
      '/api/v2/components.json',
      '/api/v2/stream',
      '/history',
      '/history.rss',
      '/history.atom',
      '/badge/web/status.svg',
      '/widget.js',
      '/widget',
      `/incidents/${incident.id}`,
    ];
  });
  after(async () => {
    await pharos?.close();
    await provider?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the public page is unaffected: public caching, CORS on its data', async () => {
    for (const path of ['/', '/api/v2/summary.json', '/open/api/v2/summary.json']) {
      const res = await get(`${base}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('cache-control')!, /^public, max-age=/, path);
    }
    assert.equal((await get(`${base}/api/v2/summary.json`)).headers.get('access-control-allow-origin'), '*');
  });

  test('every endpoint of a private page refuses a visitor who is not let in, and shows nothing of it', async () => {
    for (const slug of ['secret', 'branch', 'sso']) {
      for (const path of endpoints) {
        const res = await get(`${base}/${slug}${path}`, { 'x-forwarded-for': '10.1.2.3' });
        assert.equal(res.status, 401, `${slug}${path}`);
        assert.equal(res.headers.get('cache-control'), 'no-store', `${slug}${path}`);
        assert.doesNotMatch(res.body, /Website/, `${slug}${path} leaks a component`);
        if (path === '/') {
          assert.match(res.headers.get('content-type')!, /text\/html/);
          assert.match(res.body, /This status page is private/);
        } else {
          assert.deepEqual(Object.keys(JSON.parse(res.body)), ['error', 'message'], `${slug}${path}`);
          assert.equal(JSON.parse(res.body).error, 'private_page');
        }
      }
    }
    const html = await get(`${base}/secret/history`, { accept: 'text/html' });
    assert.match(html.body, /action="\/secret\/_access"/);
    assert.match(html.body, /name="return" value="\/secret\/history"/);
    assert.doesNotMatch(html.body, /_access\/oidc/);
    const sso = await get(`${base}/sso/`);
    assert.match(sso.body, /href="\/sso\/_access\/oidc"/);
    assert.doesNotMatch(sso.body, /type="password"/);
    const branch = await get(`${base}/branch/`);
    assert.match(branch.body, /allowed networks/);
  });

  test('a private page on its own domain is checked there too', async () => {
    for (const path of ['/', '/api/v2/summary.json', '/badge/web/status.svg']) {
      const res = await getWithHost(base, path, 'branch.acme.test');
      assert.equal(res.status, 401, path);
      assert.equal(res.cacheControl, 'no-store');
    }
    assert.equal(
      (
        await pharos.app.inject({
          url: '/api/v2/summary.json',
          headers: { host: 'branch.acme.test' },
          remoteAddress: '10.0.0.7',
        })
      ).statusCode,
      200,
    );
    // SSO runs on the base URL's host (where the callback lands), then comes back to the domain
    const start = await pharos.app.inject({ url: '/_access/oidc', headers: { host: 'sso.acme.test' } });
    assert.equal(start.statusCode, 303);
    assert.equal(start.headers.location, `${base}/sso/_access/oidc?via=sso%40`);
  });

  test('an allowed address sees every endpoint, privately: no shared caching, no CORS', async () => {
    for (const path of endpoints) {
      const res = await get(`${base}/office${path}`);
      assert.equal(res.status, 200, `office${path}`);
      if (path === '/api/v2/stream') {
        assert.match(res.body, /etag/);
        continue;
      }
      assert.equal(res.headers.get('cache-control'), 'private, no-store', `office${path}`);
      assert.match(res.headers.get('vary')!, /cookie/, `office${path}`);
      assert.equal(res.headers.get('access-control-allow-origin'), null, `office${path}`);
    }
    const summary = JSON.parse((await get(`${base}/office/api/v2/summary.json`)).body);
    assert.equal(summary.page.name, 'Acme Office');
  });

  test("a private page's live stream is not readable cross-origin; a public page's is", async () => {
    const open = await get(`${base}/api/v2/stream`);
    assert.equal(open.status, 200);
    assert.equal(open.headers.get('access-control-allow-origin'), '*');
    const office = await get(`${base}/office/api/v2/stream`, { origin: 'https://evil.test' });
    assert.equal(office.status, 200);
    assert.match(office.body, /etag/);
    assert.equal(
      office.headers.get('access-control-allow-origin'),
      null,
      "an allowed address's stream carries no CORS",
    );
    const password = await postPassword('secret', PASSWORD);
    const cookie = cookieFrom(password, 'pharos_page_secret')!;
    const secret = await get(`${base}/secret/api/v2/stream`, { cookie, origin: 'https://evil.test' });
    assert.equal(secret.status, 200);
    assert.equal(
      secret.headers.get('access-control-allow-origin'),
      null,
      "a signed-in visitor's stream carries no CORS",
    );
  });

  test('the return path after a password refuses control characters and backslash tricks: only same-site paths', async () => {
    // a page on its own domain lives at "/": "/\t/evil.example" would be "//evil.example" to a browser
    const signIn = (ret: string) =>
      pharos.app.inject({
        method: 'POST',
        url: '/_access',
        headers: {
          host: 'partner.acme.test',
          origin: 'http://partner.acme.test',
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        payload: new URLSearchParams({ password: PASSWORD, return: ret }).toString(),
      });
    const refused = [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\nSet-Cookie: x=1',
      '/\\evil.example',
      '/\\/evil.example',
      '/\x00/evil.example',
      '/\x7f',
      '/\x0b/evil.example',
      '//evil.example',
      'https://evil.example/',
      '/ /evil.example',
    ];
    for (const ret of refused) {
      const res = await signIn(ret);
      assert.equal(res.statusCode, 303, JSON.stringify(ret));
      assert.equal(res.headers.location, '/', `${JSON.stringify(ret)} sends the visitor to the page itself`);
    }
    const kept = await signIn('/history?month=2026-01');
    assert.equal(kept.statusCode, 303);
    assert.equal(kept.headers.location, '/history?month=2026-01');
  });

  test('through fastify (app.inject) the same rule holds', async () => {
    const office = await pharos.app.inject({ url: '/office/api/v2/summary.json', remoteAddress: '127.0.0.1' });
    assert.equal(office.statusCode, 200);
    assert.equal(office.headers['cache-control'], 'private, no-store');
    const branch = await pharos.app.inject({ url: '/branch/api/v2/summary.json', remoteAddress: '127.0.0.1' });
    assert.equal(branch.statusCode, 401);
    const fromBranch = await pharos.app.inject({ url: '/branch/api/v2/summary.json', remoteAddress: '10.20.30.40' });
    assert.equal(fromBranch.statusCode, 200);
  });

  test('the password sets a cookie that opens that page only', async () => {
    const crossSite = await postPassword('secret', PASSWORD, { origin: 'https://evil.test' });
    assert.equal(crossSite.status, 403);
    const res = await postPassword('secret', PASSWORD);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/secret/history');
    const setCookie = res.headers.getSetCookie().join('\n');
    assert.match(setCookie, /pharos_page_secret=.*Path=\/secret.*HttpOnly.*SameSite=Lax/);
    const cookie = cookieFrom(res, 'pharos_page_secret')!;
    for (const path of endpoints) {
      const page = await get(`${base}/secret${path}`, { cookie });
      assert.equal(page.status, 200, `secret${path}`);
      if (path !== '/api/v2/stream')
        assert.equal(page.headers.get('cache-control'), 'private, no-store', `secret${path}`);
    }
    // the same token under another page's name, or sent to another page, opens nothing
    const value = cookie.split('=')[1]!;
    for (const [slug, c] of [
      ['sso', `pharos_page_sso=${value}`],
      ['branch', `pharos_page_branch=${value}`],
      ['sso', cookie],
    ] as const) {
      assert.equal((await get(`${base}/${slug}/api/v2/summary.json`, { cookie: c })).status, 401, `${c} on ${slug}`);
    }
    const tampered = `${cookie.slice(0, -3)}xyz`;
    assert.equal((await get(`${base}/secret/api/v2/summary.json`, { cookie: tampered })).status, 401);
  });

  test('an admin session opens a page with signed_in', async () => {
    const now = Date.now();
    const userId = randomUUID();
    await pharos.store.admin.createUser({
      id: userId,
      email: 'ops@acme.test',
      name: 'Ops',
      role: 'viewer',
      passwordHash: null,
      totpSecret: null,
      totpEnabled: false,
      recoveryCodeHashes: [],
      oidcIssuer: null,
      oidcSubject: null,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: null,
      lastLoginAt: null,
      totpLastStep: null,
      credentialVersion: 0,
    });
    const { secret } = newSecret('phs_');
    await pharos.store.admin.createSession({
      idHash: hashSecret(secret),
      userId,
      csrfToken: 'x',
      mfaPending: false,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + 3_600_000,
      ip: null,
      userAgent: null,
      credentialVersion: 0,
    });
    assert.equal((await get(`${base}/secret/api/v2/summary.json`, { cookie: `pharos_session=${secret}` })).status, 200);
    // sso has no signed_in: the admin session does not count there
    assert.equal((await get(`${base}/sso/api/v2/summary.json`, { cookie: `pharos_session=${secret}` })).status, 401);
  });

  test('single sign-on lets in whom the role rules admit, and no one else', async () => {
    const alice = await signInWithSso('alice');
    assert.ok(alice.cookie, `alice signed in (${alice.failed?.status} ${alice.failed?.body})`);
    for (const path of endpoints)
      assert.equal((await get(`${base}/sso${path}`, { cookie: alice.cookie })).status, 200, `sso${path}`);
    assert.equal((await get(`${base}/secret/api/v2/summary.json`, { cookie: alice.cookie })).status, 401);
    const mallory = await signInWithSso('mallory');
    assert.equal(mallory.cookie, undefined);
    assert.equal(mallory.failed?.status, 403);
    assert.match(mallory.failed!.body, /may not see this page/);
    const noPending = await get(`${base}/_access/oidc/callback?code=x&state=y`);
    assert.equal(noPending.status, 400);
  });

  test('wrong passwords get 401, then the address is throttled', async () => {
    let res = await postPassword('secret', 'not the password');
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: string }).error, 'wrong_password');
    for (let i = 0; i < 9; i++) assert.equal((await postPassword('secret', `wrong ${i}`)).status, 401);
    res = await postPassword('secret', PASSWORD);
    assert.equal(res.status, 429, 'even the right password waits once the limit is reached');
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });

  test('pharos hash-password prints a hash that verifies', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'hash-password'],
        { cwd: join(import.meta.dirname, '../..') },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
      child.stdin!.end(`${PASSWORD}\n`);
    });
    assert.ok(await verifyPassword(PASSWORD, out.trim()));
  });
});
