import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { authenticateSession } from '../../../admin/authenticate.ts';
import { LOGIN_THROTTLE_DEFAULTS, LoginThrottle } from '../../../auth/login-throttle.ts';
import { StoreThrottle, type Throttle } from '../../../auth/shared-throttle.ts';
import { SESSION_COOKIE } from '../../../auth/session-policy.ts';
import type { PharosConfig } from '../../../config/schema.ts';
import type { Store } from '../../../store/store.ts';
import type { PageMount } from '../page-mounts.ts';
import type { PageAccessRule } from './page-access-rule.ts';
import { ipAllowed } from './page-access-rule.ts';
import { pageCookieOpens, parseCookies } from './page-cookie.ts';
import { createPageSso, type PageSso } from './page-sso.ts';
import { TokenSigner } from './signed-token.ts';

/** A mount of a private page. */
export type GatedMount = PageMount & { access: PageAccessRule };

/** What the gate reads of a request: fastify's `request.ip` (which honours server.trust_proxy) and the headers. */
export interface GateRequest {
  ip: string | undefined;
  headers: IncomingHttpHeaders;
}

export interface PageAccessGateOptions {
  store: Store;
  now: () => number;
  /** signs cookies; absent: a random one per process (createPageAccessGate passes the one kept in the database) */
  secret?: string;
  /** the base URL is https */
  secureCookies: boolean;
  /** the admin's OpenID Connect settings, when SSO is configured */
  sso?: PageSso;
  /** failed passwords per client address (absent: in this process's memory, for tests) */
  throttle?: Throttle;
}

/** Decides whether a request may see a private page: any one of the page's methods suffices. */
export class PageAccessGate {
  readonly signer: TokenSigner;
  readonly throttle: Throttle;
  readonly sso: PageSso | undefined;
  readonly now: () => number;
  readonly secureCookies: boolean;
  readonly #store: Store;

  constructor(opts: PageAccessGateOptions) {
    this.signer = new TokenSigner(opts.secret ?? randomBytes(32));
    this.throttle = opts.throttle ?? new LoginThrottle({ now: opts.now });
    this.sso = opts.sso;
    this.now = opts.now;
    this.secureCookies = opts.secureCookies;
    this.#store = opts.store;
  }

  async admits(mount: GatedMount, request: GateRequest): Promise<boolean> {
    const rule = mount.access;
    if (ipAllowed(rule, request.ip)) return true;
    const cookies = parseCookies(request.headers.cookie);
    if ((rule.passwordHash || rule.oidc) && pageCookieOpens(this.signer, mount, cookies, this.now())) return true;
    const session = cookies[SESSION_COOKIE];
    if (!rule.signedIn || !session || session.length > 200) return false;
    return (await authenticateSession(this.#store, session, this.now(), request.ip ?? null)) !== null;
  }
}

/** The public base URL (src/runtime/public-base-url.ts): `href` is read per request, it may be known only after listen. */
export interface PublicBase {
  readonly https: boolean;
  readonly href: string;
}

/** The installation-wide key (settings table) that signs private pages' cookies when `server.secret` is not set. */
export const PAGE_COOKIE_KEY_SETTING = 'page_cookie_key';

/**
 * The gate for a running Pharos, from its config. Without `server.secret`, the cookie key is made once and kept in
 * the database, so every replica (and a restarted one) accepts the cookies the others signed.
 */
export async function createPageAccessGate(
  config: PharosConfig,
  deps: { store: Store; now: () => number; baseUrl: PublicBase },
): Promise<PageAccessGate> {
  const { baseUrl } = deps;
  const secret =
    config.server.secret ??
    (await deps.store.outbox.setting(PAGE_COOKIE_KEY_SETTING, () => randomBytes(32).toString('base64url')));
  return new PageAccessGate({
    store: deps.store,
    now: deps.now,
    secret,
    secureCookies: baseUrl.https,
    // wrong passwords count on every replica alike
    throttle: new StoreThrottle(deps.store.shared, 'page_password', {
      max: LOGIN_THROTTLE_DEFAULTS.max,
      windowMs: LOGIN_THROTTLE_DEFAULTS.windowMs,
      now: deps.now,
    }),
    sso: config.admin.oidc ? createPageSso(config.admin.oidc, () => baseUrl.href, deps.now) : undefined,
  });
}
