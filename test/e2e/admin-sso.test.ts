import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../src/runtime/start-pharos.ts';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.ts';
import { freePort } from '../support/free-port.ts';

function cookieOf(res: Response, name: string): string | undefined {
  for (const c of res.headers.getSetCookie())
    if (c.startsWith(`${name}=`)) return c.split(';')[0]!.slice(name.length + 1);
  return undefined;
}

/** The admin's single sign-on against a real OpenID provider on 127.0.0.1: code + PKCE, roles from groups and emails. */
describe('admin single sign-on (OIDC)', () => {
  let dir: string;
  let provider: OidcTestProvider;
  let pharos: RunningPharos;
  let base: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-sso-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcTestProvider({
      clients: [
        {
          client_id: 'pharos',
          client_secret: 'pharos-client-secret-0123456789',
          redirect_uris: [`${base}/admin/login/oidc/callback`],
        },
      ],
      accounts: [
        { sub: 'u-ops', email: 'ops@example.com', email_verified: true, name: 'Ops Person', groups: ['ops'] },
        { sub: 'u-boss', email: 'boss@example.com', email_verified: true, groups: [] },
        { sub: 'u-stranger', email: 'stranger@elsewhere.org', email_verified: true, groups: ['marketing'] },
      ],
    });
    const config = parseConfigText(
      `title: SSO
server: { port: ${port}, host: 127.0.0.1, base_url: "${base}" }
storage: { url: "sqlite:${join(dir, 'p.db')}" }
admin:
  oidc:
    issuer: "${provider.issuer}"
    client_id: pharos
    client_secret: pharos-client-secret-0123456789
    roles:
      admin: { emails: ["boss@example.com"] }
      editor: { groups: [ops] }
`,
      'sso.yaml',
    );
    pharos = await startPharos({ config, logger: createLogger('silent') });
  });

  after(async () => {
    await pharos?.close();
    await provider?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function signInAs(sub: string): Promise<Response> {
    provider.loginAs(sub);
    const start = await fetch(`${base}/admin/login/oidc`, { redirect: 'manual' });
    assert.equal(start.status, 303);
    const pending = cookieOf(start, 'pharos_oidc');
    assert.ok(pending, 'the pending sign-in is keyed by a cookie');
    const authorizationUrl = start.headers.get('location')!;
    assert.match(authorizationUrl, /code_challenge_method=S256/);
    const callback = await provider.authorize(authorizationUrl);
    assert.equal(`${callback.origin}${callback.pathname}`, `${base}/admin/login/oidc/callback`);
    return fetch(callback, { redirect: 'manual', headers: { cookie: `pharos_oidc=${pending}` } });
  }

  test('a person in an allowed group signs in and gets the mapped role; the account is created once', async () => {
    for (let round = 0; round < 2; round++) {
      const res = await signInAs('u-ops');
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/admin');
      const session = cookieOf(res, 'pharos_session');
      assert.ok(session);
      const me = (await (
        await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: `pharos_session=${session}` } })
      ).json()) as { user: { email: string; role: string; sso: boolean } };
      assert.deepEqual([me.user.email, me.user.role, me.user.sso], ['ops@example.com', 'editor', true]);
    }
    const users = await pharos.store.admin.listUsers();
    assert.equal(users.filter((u) => u.email === 'ops@example.com').length, 1);
    const audit = await pharos.store.admin.listAudit({ limit: 10, action: 'user.create.sso' });
    assert.equal(audit.length, 1);
  });

  test('an email rule gives admin', async () => {
    const res = await signInAs('u-boss');
    assert.equal(res.status, 303);
    const user = await pharos.store.admin.getUserByEmail('boss@example.com');
    assert.equal(user?.role, 'admin');
  });

  test('someone no rule allows is refused with a clear page, and no account or session is made', async () => {
    const res = await signInAs('u-stranger');
    assert.equal(res.status, 403);
    assert.equal(cookieOf(res, 'pharos_session'), undefined);
    assert.match(await res.text(), /not allowed into Pharos/);
    assert.equal(await pharos.store.admin.getUserByEmail('stranger@elsewhere.org'), undefined);
  });

  test('a callback without the pending cookie (or replayed) is refused', async () => {
    provider.loginAs('u-ops');
    const start = await fetch(`${base}/admin/login/oidc`, { redirect: 'manual' });
    const callback = await provider.authorize(start.headers.get('location')!);
    const res = await fetch(callback, { redirect: 'manual' });
    assert.equal(res.status, 401);
    assert.equal(cookieOf(res, 'pharos_session'), undefined);
  });

  test('the login page learns about the provider', async () => {
    const res = await fetch(`${base}/api/v1/auth/providers`);
    assert.deepEqual(await res.json(), {
      password: true,
      oidc: { label: 'Sign in with SSO', url: '/admin/login/oidc' },
    });
  });
});
