import * as client from 'openid-client';
import { z } from 'zod';
import { isLoopbackHttpUrl, type OidcConfig } from '../../config/oidc-schema.ts';
import { identityFromClaims, type OidcIdentity } from './identity-claims.ts';
import { OidcLoginError } from './oidc-login-error.ts';

/** How long a started sign-in may take before its callback is refused. */
export const OIDC_PENDING_TTL_MS = 10 * 60_000;

/** What the caller keeps server-side (or in a signed, short-lived cookie) between start() and finish(). */
export const oidcPendingSchema = z
  .object({
    state: z.string().min(1),
    nonce: z.string().min(1),
    codeVerifier: z.string().min(43).max(128),
    /** epoch ms */
    createdAt: z.number().int().nonnegative(),
  })
  .strict();
export type OidcPending = z.infer<typeof oidcPendingSchema>;

export interface OidcLoginOptions {
  /** Pharos's public base URL; the redirect URI is this plus `redirect_path`. A function when it is known only later (port 0). */
  baseUrl: string | URL | (() => string);
  /** Allows a plain-http issuer; only accepted for an issuer on 127.0.0.1 / localhost (tests, local setups). */
  allowInsecureIssuer?: boolean;
  now?: () => number;
  /** seconds for each request to the provider */
  timeoutSeconds?: number;
}

/** Sign-in with an OpenID Connect provider: authorization code flow with PKCE, state and nonce. */
export class OidcLogin {
  /** the path of the redirect URI (known before the base URL is) */
  readonly redirectPath: string;
  readonly #baseUrl: () => string | URL;
  readonly #config: OidcConfig;
  readonly #issuer: URL;
  readonly #insecure: boolean;
  readonly #now: () => number;
  readonly #timeoutSeconds: number;
  #discovered: Promise<client.Configuration> | null = null;

  constructor(config: OidcConfig, options: OidcLoginOptions) {
    this.#config = config;
    this.#issuer = new URL(config.issuer);
    this.#insecure = this.#issuer.protocol === 'http:';
    if (this.#insecure && !options.allowInsecureIssuer) {
      throw new OidcLoginError(
        'insecure_issuer',
        `OIDC issuer ${config.issuer} is plain http; only https issuers are allowed`,
      );
    }
    if (this.#insecure && !isLoopbackHttpUrl(this.#issuer)) {
      throw new OidcLoginError(
        'insecure_issuer',
        `OIDC issuer ${config.issuer}: plain http is only allowed on 127.0.0.1 or localhost`,
      );
    }
    const { baseUrl } = options;
    this.#baseUrl = typeof baseUrl === 'function' ? baseUrl : () => baseUrl;
    this.redirectPath = new URL(config.redirect_path, 'http://localhost').pathname;
    this.#now = options.now ?? Date.now;
    this.#timeoutSeconds = options.timeoutSeconds ?? 10;
  }

  get redirectUri(): string {
    return new URL(this.#config.redirect_path, this.#baseUrl()).toString();
  }

  /** Begins a sign-in: the URL to send the browser to, and what to keep until the callback. */
  async start(): Promise<{ url: string; state: OidcPending }> {
    const configuration = await this.#configuration();
    const pending: OidcPending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      createdAt: this.#now(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.#config.scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.toString(), state: pending };
  }

  /** Completes a sign-in from the URL the provider redirected the browser to. */
  async finish(callbackUrl: URL, pending: OidcPending): Promise<OidcIdentity> {
    const age = this.#now() - pending.createdAt;
    if (!(age >= 0 && age <= OIDC_PENDING_TTL_MS)) {
      throw new OidcLoginError('pending_expired', 'this sign-in was started too long ago; start again');
    }
    const params = callbackUrl.searchParams;
    if (params.get('state') !== pending.state) {
      throw new OidcLoginError(
        'state_mismatch',
        'the sign-in response does not belong to the sign-in this browser started',
      );
    }
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description');
      throw new OidcLoginError(
        'provider_error',
        `the identity provider refused the sign-in: ${error}${description ? ` (${description})` : ''}`,
      );
    }
    const configuration = await this.#configuration();
    // The token request's redirect_uri must be the registered one, whatever host or proxy the callback came through.
    const current = new URL(this.redirectUri);
    current.search = callbackUrl.search;
    const tokens = await this.#call(() =>
      client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }),
    );
    const idToken = tokens.claims();
    if (!idToken) throw new OidcLoginError('response_invalid', 'the identity provider returned no ID token');
    const userinfo = configuration.serverMetadata().userinfo_endpoint
      ? await this.#call(() => client.fetchUserInfo(configuration, tokens.access_token, idToken.sub), 'userinfo_failed')
      : null;
    return identityFromClaims(idToken.iss, idToken, userinfo, this.#config.groups_claim);
  }

  /** Discovers the issuer once; a failed discovery is retried on the next call. */
  #configuration(): Promise<client.Configuration> {
    this.#discovered ??= this.#discover().catch((err: unknown) => {
      this.#discovered = null;
      throw err;
    });
    return this.#discovered;
  }

  async #discover(): Promise<client.Configuration> {
    const { client_id, client_secret } = this.#config;
    try {
      return await client.discovery(
        this.#issuer,
        client_id,
        client_secret ? { client_secret } : undefined,
        client_secret ? secretAuth(client_secret) : client.None(),
        {
          timeout: this.#timeoutSeconds,
          execute: this.#insecure ? [client.allowInsecureRequests] : [],
        },
      );
    } catch (err) {
      throw new OidcLoginError(
        'discovery_failed',
        `could not discover OIDC issuer ${this.#config.issuer}: ${describe(err)}`,
        { cause: err },
      );
    }
  }

  /** Runs a request to the provider, turning openid-client's errors into OidcLoginErrors. */
  async #call<T>(
    fn: () => Promise<T>,
    failureCode: 'response_invalid' | 'userinfo_failed' = 'response_invalid',
  ): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw loginErrorFrom(err, failureCode);
    }
  }
}

function loginErrorFrom(err: unknown, failureCode: 'response_invalid' | 'userinfo_failed'): OidcLoginError {
  if (err instanceof OidcLoginError) return err;
  const rejectedCode = failureCode === 'userinfo_failed' ? failureCode : 'token_rejected';
  if (err instanceof client.ResponseBodyError) {
    return new OidcLoginError(
      rejectedCode,
      `the identity provider rejected the request: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`,
      { cause: err },
    );
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    const params = err.cause[0]?.parameters;
    const detail = params?.error
      ? `${params.error}${params.error_description ? ` (${params.error_description})` : ''}`
      : `HTTP ${err.status}`;
    return new OidcLoginError(rejectedCode, `the identity provider rejected the request: ${detail}`, { cause: err });
  }
  if (err instanceof client.AuthorizationResponseError) {
    return new OidcLoginError('provider_error', `the identity provider refused the sign-in: ${err.error}`, {
      cause: err,
    });
  }
  const network =
    (err instanceof TypeError && err.message === 'fetch failed') ||
    (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError'));
  if (network)
    return new OidcLoginError('provider_unreachable', `could not reach the identity provider: ${describe(err)}`, {
      cause: err,
    });
  return new OidcLoginError(failureCode, describe(err), { cause: err });
}

/** client_secret_basic unless the provider lists only client_secret_post (basic is the spec's default). */
function secretAuth(secret: string): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, metadata, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const usePost =
      methods !== undefined && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
    (usePost ? post : basic)(as, metadata, body, headers);
  };
}

/** openid-client's messages are generic ("unexpected JWT claim value encountered"); the cause says which. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error && err.cause.message !== err.message ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
