import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startOidcTestProvider, type OidcTestProvider } from '../../../test/support/oidc-test-provider.ts';
import { oidcSchema, type OidcConfig } from '../../config/oidc-schema.ts';
import { OidcLogin, oidcPendingSchema, type OidcLoginOptions, type OidcPending } from './oidc-login.ts';
import { OidcLoginError, type OidcLoginErrorCode } from './oidc-login-error.ts';
import { roleForClaims } from './role-mapping.ts';
import type { OidcIdentity } from './identity-claims.ts';

// Never requested: the provider's final redirect is read, not followed.
const BASE_URL = 'http://127.0.0.1:9/';
const REDIRECT_URI = 'http://127.0.0.1:9/admin/login/oidc/callback';

const ACCOUNTS = [
  { sub: 'alice', email: 'alice@example.com', email_verified: true, name: 'Alice', groups: ['ops', 'staff'] },
  { sub: 'bob', email: 'bob@example.com', email_verified: false, name: 'Bob', groups: [] },
  { sub: 'carol', email: 'carol@contractor.test', email_verified: true, name: 'Carol', groups: ['staff'] },
  { sub: 'mallory', email: 'mallory@elsewhere.test', email_verified: true, name: 'Mallory' },
];

function config(issuer: string, overrides: Partial<Record<string, unknown>> = {}): OidcConfig {
  return oidcSchema.parse({
    issuer,
    client_id: 'pharos',
    client_secret: 'pharos-secret',
    roles: {
      owner: { subjects: ['alice'] },
      admin: { emails: ['bob@example.com'] },
      editor: { groups: ['staff'] },
      viewer: { emails: ['*@example.com'] },
    },
    ...overrides,
  });
}

function identityRole(cfg: OidcConfig, id: OidcIdentity) {
  return roleForClaims(cfg.roles, {
    sub: id.subject,
    email: id.email,
    email_verified: id.emailVerified,
    groups: id.groups,
  });
}

async function rejects(promise: Promise<unknown>, code: OidcLoginErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof OidcLoginError, `expected OidcLoginError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('OidcLogin against a real provider on 127.0.0.1', () => {
  let provider: OidcTestProvider;
  let cfg: OidcConfig;
  let login: OidcLogin;

  before(async () => {
    provider = await startOidcTestProvider({
      accounts: ACCOUNTS,
      clients: [
        { client_id: 'pharos', client_secret: 'pharos-secret', redirect_uris: [REDIRECT_URI] },
        { client_id: 'pharos-public', redirect_uris: [REDIRECT_URI] },
      ],
    });
    cfg = config(provider.issuer);
    login = new OidcLogin(cfg, { baseUrl: BASE_URL, allowInsecureIssuer: true });
  });
  after(() => provider.close());

  /** start(), then the provider's login as `sub`; the callback URL the browser would bring back. */
  async function signIn(sub: string | null, using = login): Promise<{ callback: URL; pending: OidcPending }> {
    provider.loginAs(sub);
    const { url, state } = await using.start();
    return { callback: await provider.authorize(url), pending: state };
  }

  test('authorization code + PKCE round trip: the identity comes back with userinfo claims', async () => {
    const { url, state } = await login.start();
    const auth = new URL(url);
    assert.equal(auth.origin, provider.issuer);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(auth.searchParams.get('redirect_uri'), REDIRECT_URI);
    assert.equal(auth.searchParams.get('scope'), 'openid email profile');
    assert.equal(auth.searchParams.get('state'), state.state);
    assert.equal(auth.searchParams.get('nonce'), state.nonce);
    assert.ok(!url.includes(state.codeVerifier), 'the verifier never leaves the server');
    assert.doesNotThrow(() => oidcPendingSchema.parse(state));

    provider.loginAs('alice');
    const callback = await provider.authorize(url);
    assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
    assert.ok(callback.searchParams.get('code'));

    const identity = await login.finish(callback, state);
    assert.deepEqual(identity, {
      issuer: provider.issuer,
      subject: 'alice',
      email: 'alice@example.com',
      emailVerified: true,
      name: 'Alice',
      groups: ['ops', 'staff'],
    });
    assert.equal(identityRole(cfg, identity), 'owner');
  });

  test('each account gets the role its claims earn; an account no rule admits gets none', async () => {
    const expected = [
      ['bob', null], // his email rules (admin exact, viewer *@example.com) do not count: it is unverified
      ['carol', 'editor'], // by group
      ['mallory', null],
    ] as const;
    for (const [sub, role] of expected) {
      const { callback, pending } = await signIn(sub);
      const identity = await login.finish(callback, pending);
      assert.equal(identity.subject, sub);
      assert.equal(identityRole(cfg, identity), role, sub);
    }
  });

  test('a public client (no secret) with PKCE alone, claims from the ID token when there is no userinfo', async () => {
    const bare = await startOidcTestProvider({
      accounts: ACCOUNTS,
      clients: [{ client_id: 'pharos-public', redirect_uris: [REDIRECT_URI] }],
      userinfo: false,
    });
    try {
      const publicLogin = new OidcLogin(config(bare.issuer, { client_id: 'pharos-public', client_secret: undefined }), {
        baseUrl: BASE_URL,
        allowInsecureIssuer: true,
      });
      bare.loginAs('carol');
      const { url, state } = await publicLogin.start();
      const identity = await publicLogin.finish(await bare.authorize(url), state);
      assert.deepEqual(identity, {
        issuer: bare.issuer,
        subject: 'carol',
        email: 'carol@contractor.test',
        emailVerified: true,
        name: 'Carol',
        groups: ['staff'],
      });
    } finally {
      await bare.close();
    }
  });

  test('a callback whose state is not the pending one is refused before any token request', async () => {
    const { callback, pending } = await signIn('alice');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-state');
    await rejects(login.finish(forged, pending), 'state_mismatch');
    await rejects(login.finish(callback, { ...pending, state: 'another-browser' }), 'state_mismatch');
    // the untouched code is still good
    assert.equal((await login.finish(callback, pending)).subject, 'alice');
  });

  test('a tampered PKCE verifier is rejected by the token endpoint', async () => {
    const { callback, pending } = await signIn('alice');
    const other = (await login.start()).state.codeVerifier;
    await rejects(login.finish(callback, { ...pending, codeVerifier: other }), 'token_rejected', /invalid_grant/);
  });

  test('a tampered nonce fails ID token validation', async () => {
    const { callback, pending } = await signIn('alice');
    await rejects(login.finish(callback, { ...pending, nonce: 'not-the-nonce' }), 'response_invalid', /nonce/);
  });

  test('a code cannot be used twice', async () => {
    const { callback, pending } = await signIn('carol');
    await login.finish(callback, pending);
    await rejects(login.finish(callback, pending), 'token_rejected', /invalid_grant/);
  });

  test('a callback without a code is invalid', async () => {
    const { callback, pending } = await signIn('alice');
    const stripped = new URL(callback);
    stripped.searchParams.delete('code');
    await rejects(login.finish(stripped, pending), 'response_invalid');
  });

  test('the provider refusing the sign-in is a provider_error with its error code', async () => {
    const { callback, pending } = await signIn(null);
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    await rejects(login.finish(callback, pending), 'provider_error', /access_denied/);
  });

  test('a pending sign-in older than 10 minutes is refused', async () => {
    let now = Date.now();
    const clocked = new OidcLogin(cfg, { baseUrl: BASE_URL, allowInsecureIssuer: true, now: () => now });
    const { callback, pending } = await signIn('alice', clocked);
    now += 10 * 60_000 + 1;
    await rejects(clocked.finish(callback, pending), 'pending_expired');
    await rejects(clocked.finish(callback, { ...pending, createdAt: now + 60_000 }), 'pending_expired');
  });

  test('wrong client credentials are rejected by the token endpoint', async () => {
    const wrong = new OidcLogin(config(provider.issuer, { client_secret: 'wrong' }), {
      baseUrl: BASE_URL,
      allowInsecureIssuer: true,
    });
    const { callback, pending } = await signIn('alice', wrong);
    await rejects(wrong.finish(callback, pending), 'token_rejected', /invalid_client/);
  });
});

describe('OidcLogin issuer handling', () => {
  test('a plain-http issuer needs allowInsecureIssuer, and that only on loopback', () => {
    const local = config('http://127.0.0.1:1');
    assert.throws(
      () => new OidcLogin(local, { baseUrl: BASE_URL }),
      (e: unknown) => e instanceof OidcLoginError && e.code === 'insecure_issuer',
    );
    assert.doesNotThrow(() => new OidcLogin(local, { baseUrl: BASE_URL, allowInsecureIssuer: true }));
    // the schema refuses such an issuer; a hand-made config must not slip past the class either
    const remote = { ...local, issuer: 'http://idp.example.com' };
    assert.throws(
      () => new OidcLogin(remote, { baseUrl: BASE_URL, allowInsecureIssuer: true }),
      (e: unknown) => e instanceof OidcLoginError && e.code === 'insecure_issuer',
    );
    assert.doesNotThrow(() => new OidcLogin({ ...local, issuer: 'https://idp.example.com' }, { baseUrl: BASE_URL }));
  });

  test('the redirect URI is the base URL plus redirect_path', () => {
    const options: OidcLoginOptions = { baseUrl: 'https://status.example.com/', allowInsecureIssuer: true };
    assert.equal(
      new OidcLogin(config('http://127.0.0.1:1'), options).redirectUri,
      'https://status.example.com/admin/login/oidc/callback',
    );
    const custom = config('http://127.0.0.1:1', { redirect_path: '/sso/back' });
    assert.equal(new OidcLogin(custom, options).redirectUri, 'https://status.example.com/sso/back');
  });

  test('a provider that went away during the sign-in is provider_unreachable', async () => {
    const provider = await startOidcTestProvider({
      accounts: ACCOUNTS,
      clients: [{ client_id: 'pharos', client_secret: 'pharos-secret', redirect_uris: [REDIRECT_URI] }],
    });
    const login = new OidcLogin(config(provider.issuer), { baseUrl: BASE_URL, allowInsecureIssuer: true });
    provider.loginAs('alice');
    const { url, state } = await login.start();
    const callback = await provider.authorize(url);
    await provider.close();
    await rejects(login.finish(callback, state), 'provider_unreachable');
  });

  test('a failed discovery is reported and retried on the next call', async () => {
    // A server that is down for discovery, then the provider on that same port.
    const down = http.createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    const cfgAtPort = config(`http://127.0.0.1:${port}`);
    const login = new OidcLogin(cfgAtPort, { baseUrl: BASE_URL, allowInsecureIssuer: true });
    await rejects(login.start(), 'discovery_failed', new RegExp(`127\\.0\\.0\\.1:${port}`));
    await new Promise<void>((resolve) => down.close(() => resolve()));

    const provider = await startOidcTestProvider({
      port,
      accounts: ACCOUNTS,
      clients: [{ client_id: 'pharos', client_secret: 'pharos-secret', redirect_uris: [REDIRECT_URI] }],
    });
    try {
      provider.loginAs('alice');
      const { url, state } = await login.start();
      assert.equal((await login.finish(await provider.authorize(url), state)).subject, 'alice');
    } finally {
      await provider.close();
    }
  });
});
