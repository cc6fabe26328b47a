import { fastifyCookie } from '@fastify/cookie';
import type { PageAccessMethod } from '../../../config/page-access-schema.ts';
import type { PageAccessRule } from './page-access-rule.ts';
import type { TokenSigner } from './signed-token.ts';

/** The parts of a mount a page cookie is bound to. */
export interface CookieMount {
  slug: string;
  basePath: string;
  access: PageAccessRule;
}

/** One cookie per page (by slug), so that signing in to one page neither opens nor replaces another's. */
export function pageCookieName(slug: string): string {
  return `pharos_page_${slug}`;
}

/** The Set-Cookie value after a password or SSO sign-in: signed, httpOnly, SameSite=Lax, scoped to the page's path. */
export function issuePageCookie(
  signer: TokenSigner,
  mount: CookieMount,
  method: PageAccessMethod,
  now: number,
  secure: boolean,
): string {
  const token = signer.sign(
    'page',
    { s: mount.slug, f: mount.access.fingerprint, m: method },
    now + mount.access.sessionMs,
  );
  return fastifyCookie.serialize(pageCookieName(mount.slug), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: mount.basePath || '/',
    maxAge: Math.floor(mount.access.sessionMs / 1000),
  });
}

/** Whether the request's cookie for this page was issued for this page under its current settings and is unexpired. */
export function pageCookieOpens(
  signer: TokenSigner,
  mount: CookieMount,
  cookies: Readonly<Record<string, string | undefined>>,
  now: number,
): boolean {
  const payload = signer.read('page', cookies[pageCookieName(mount.slug)], now);
  if (!payload || payload.s !== mount.slug || payload.f !== mount.access.fingerprint) return false;
  // a method the page no longer offers (SSO turned off) no longer counts
  return typeof payload.m === 'string' && (mount.access.methods as readonly string[]).includes(payload.m);
}

/** The Cookie header as a map; malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? fastifyCookie.parse(header) : {};
}
