import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations; the few parts used here are typed below
import ProviderModule from 'oidc-provider';

export interface OidcTestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface OidcTestClient {
  client_id: string;
  /** absent: a public client (token_endpoint_auth_method none, PKCE only) */
  client_secret?: string;
  redirect_uris: string[];
  /** default: client_secret_basic with a secret, none without */
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none';
}

export interface OidcTestProviderOptions {
  clients: OidcTestClient[];
  accounts: OidcTestAccount[];
  /**
   * true (default): a userinfo endpoint, and the ID token carries only `sub` (as many providers do);
   * false: no userinfo endpoint, every claim is in the ID token.
   */
  userinfo?: boolean;
  /** default: a free port */
  port?: number;
}

export interface OidcTestProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  /** Who the next sign-in logs in as; null makes the provider answer access_denied. Default: the first account. */
  loginAs(sub: string | null): void;
  /**
   * Follows an authorization URL as a browser would (fresh cookies), past the provider's login and consent,
   * and returns the URL the provider finally redirects to (the client's redirect URI), without requesting it.
   */
  authorize(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

/** The parts of oidc-provider's API this file uses. */
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ params: Record<string, unknown> }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
}
const ProviderClass = ProviderModule as new (issuer: string, configuration: object) => Provider;

/** Claims by scope; groups ride on `profile` so that the default scopes (openid email profile) carry them. */
const CLAIMS = { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] };

/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1, with a login step a test drives by code. */
export async function startOidcTestProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  let loginSub: string | null = options.accounts[0]?.sub ?? null;
  // The issuer URL holds the port, so the server listens before the provider exists.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const userinfo = options.userinfo ?? true;
  const provider = new ProviderClass(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret,
      redirect_uris: c.redirect_uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: c.token_endpoint_auth_method ?? (c.client_secret ? 'client_secret_basic' : 'none'),
    })),
    claims: CLAIMS,
    conformIdTokenClaims: userinfo,
    features: { devInteractions: { enabled: false }, userinfo: { enabled: userinfo } },
    pkce: { required: () => true },
    // seconds; explicit so that the provider does not print a notice for each default
    ttl: { AuthorizationCode: 60, Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey()] },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
  });
  const providerHandler = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return providerHandler(req, res);
    completeInteraction(provider, req, res, loginSub).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    });
  });

  return {
    issuer,
    loginAs(sub) {
      if (sub !== null && !accounts.has(sub)) throw new Error(`no test account ${sub}`);
      loginSub = sub;
    },
    authorize: (url) => followToClient(url, issuer),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The login and consent page, answered without a person: logs in the chosen account and grants what was asked. */
async function completeInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  sub: string | null,
): Promise<void> {
  const { params } = await provider.interactionDetails(req, res);
  if (sub === null) {
    const result = { error: 'access_denied', error_description: 'the test declined to sign in' };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  const grant = new provider.Grant({ accountId: sub, clientId: String(params.client_id) });
  grant.addOIDCScope(String(params.scope ?? 'openid'));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: sub }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** Follows redirects on the issuer with a cookie jar; the first one that leaves the issuer is returned unrequested. */
async function followToClient(authorizationUrl: string, issuer: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== issuer) return url;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      if (value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(
        `OIDC test provider: ${url} answered ${res.status} without a redirect: ${(await res.text()).slice(0, 500)}`,
      );
    }
    await res.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error('OIDC test provider: too many redirects');
}

function signingKey(): object {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
}
