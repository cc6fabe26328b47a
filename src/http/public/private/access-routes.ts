import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyCookie } from '@fastify/cookie';
import { OIDC_PENDING_TTL_MS, oidcPendingSchema } from '../../../auth/oidc/oidc-login.ts';
import { OidcLoginError } from '../../../auth/oidc/oidc-login-error.ts';
import { OIDC_LOGIN_ERROR_STATUS } from '../../admin/admin-error-status.ts';
import { verifyPassword } from '../../../auth/password.ts';
import type { PublicSnapshot } from '../public-snapshot.ts';
import type { HtmlSecurityHeaders } from '../serve-public-raw.ts';
import { denyPrivateRequest, safeReturnPath } from './deny-private-request.ts';
import type { GatedMount, PageAccessGate } from './page-access-gate.ts';
import { issuePageCookie, parseCookies } from './page-cookie.ts';
import { identityMayView, PAGE_SSO_CALLBACK_PATH } from './page-sso.ts';
import { renderSignInPage } from './sign-in-page.ts';

// not pharos_page_…: those are the pages' own cookies
const PENDING_COOKIE = 'pharos_sso_pending';
/** how long the hop from the SSO callback to the page's own host may take */
const GRANT_TTL_MS = 60_000;
const MAX_PASSWORD_LENGTH = 1024;
const FORM = 'application/x-www-form-urlencoded';

/**
 * The sign-in routes of private pages, below each page (`/<slug>/_access…`, or `/_access…` at / and on a page's
 * own domain): the password form's POST, the SSO start, the SSO callback, and the hop that sets the cookie on the
 * page's own host.
 */
export function registerPageAccessRoutes(
  app: FastifyInstance,
  gate: PageAccessGate,
  snapshot: PublicSnapshot,
  security: HtmlSecurityHeaders,
): void {
  const mountOf = (request: FastifyRequest, suffix: string) => gatedMountBefore(snapshot, request, suffix);
  const usedGrants = new Map<string, number>();

  void app.register(async (scope) => {
    // forms only here (the admin API takes JSON); small bodies
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
    }
    const password = async (request: FastifyRequest, reply: FastifyReply) => {
      const mount = mountOf(request, '/_access');
      if (!mount?.access.passwordHash) return notFound(reply);
      const deny = (status: number, code: string, error: string) =>
        denyPrivateRequest(request, reply, mount, gate, security, {
          status,
          code,
          error,
          returnTo: safeReturnPath(mount, form.return),
        });
      const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      // SameSite=Lax already keeps other sites' forms from carrying cookies; this also stops them guessing passwords
      if (!sameOrigin(request)) return deny(403, 'cross_origin', 'This form must be sent from the page itself.');
      const ip = request.ip;
      const allowed = await gate.throttle.check(ip);
      if (!allowed.allowed) {
        reply.header('retry-after', String(Math.ceil(allowed.retryAfterMs / 1000)));
        return deny(
          429,
          'too_many_attempts',
          `Too many wrong passwords; try again in ${Math.ceil(allowed.retryAfterMs / 60_000)} minutes.`,
        );
      }
      const given =
        typeof form.password === 'string' && form.password.length <= MAX_PASSWORD_LENGTH ? form.password : '';
      if (!given || !(await verifyPassword(given, mount.access.passwordHash))) {
        await gate.throttle.fail(ip);
        return deny(401, 'wrong_password', 'Wrong password.');
      }
      await gate.throttle.succeed(ip);
      reply.header('set-cookie', issuePageCookie(gate.signer, mount, 'password', gate.now(), gate.secureCookies));
      return reply.header('cache-control', 'no-store').redirect(safeReturnPath(mount, form.return), 303);
    };
    scope.post('/_access', password);
    scope.post('/:slug/_access', password);
  });

  const ssoStart = async (request: FastifyRequest, reply: FastifyReply) => {
    const mount = mountOf(request, '/_access/oidc');
    const sso = gate.sso;
    if (!mount?.access.oidc || !sso) return notFound(reply);
    const bySlug = snapshot.mounts.bySlug.get(mount.slug);
    if (request.headers.host !== sso.host && bySlug) {
      // the callback lands on the base URL's host, and the pending cookie must be there: start over there
      return reply.redirect(`${bySlug.url}/_access/oidc?via=${encodeURIComponent(mount.key)}`, 303);
    }
    const via = (request.query as Record<string, unknown>).via;
    const back = snapshot.mounts.all.find((m) => m.key === via && m.slug === mount.slug) ?? mount;
    try {
      const started = await sso.login.start();
      const pending = gate.signer.sign(
        'pending',
        { ...started.state, k: back.key, s: mount.slug },
        gate.now() + OIDC_PENDING_TTL_MS,
      );
      reply.header(
        'set-cookie',
        fastifyCookie.serialize(PENDING_COOKIE, pending, {
          httpOnly: true,
          sameSite: 'lax',
          secure: gate.secureCookies,
          path: PAGE_SSO_CALLBACK_PATH,
          maxAge: OIDC_PENDING_TTL_MS / 1000,
        }),
      );
      return reply.header('cache-control', 'no-store').redirect(started.url, 303);
    } catch (err) {
      return denyPrivateRequest(request, reply, mount, gate, security, {
        status: 502,
        code: 'sso_unavailable',
        error: ssoMessage(err),
      });
    }
  };
  app.get('/_access/oidc', ssoStart);
  app.get('/:slug/_access/oidc', ssoStart);

  app.get(PAGE_SSO_CALLBACK_PATH, async (request, reply) => {
    const sso = gate.sso;
    if (!sso) return notFound(reply);
    reply.header(
      'set-cookie',
      fastifyCookie.serialize(PENDING_COOKIE, '', {
        httpOnly: true,
        sameSite: 'lax',
        secure: gate.secureCookies,
        path: PAGE_SSO_CALLBACK_PATH,
        maxAge: 0,
      }),
    );
    const payload = gate.signer.read('pending', parseCookies(request.headers.cookie)[PENDING_COOKIE], gate.now());
    const pending = oidcPendingSchema.safeParse({
      state: payload?.state,
      nonce: payload?.nonce,
      codeVerifier: payload?.codeVerifier,
      createdAt: payload?.createdAt,
    });
    const found = snapshot.mounts.all.find((m) => m.key === payload?.k && m.slug === payload?.s);
    const mount = found?.access ? { ...found, access: found.access } : undefined;
    if (!pending.success || !mount?.access.oidc) {
      return reply
        .code(400)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          renderSignInPage({
            title: 'Sign-in',
            brand: '#0969da',
            returnTo: '/',
            error: 'This sign-in expired or was already used; open the page and start again.',
          }),
        );
    }
    try {
      const identity = await sso.login.finish(new URL(request.url, sso.login.redirectUri), pending.data);
      if (!identityMayView(mount.access.oidc, sso.roles, identity)) {
        return denyPrivateRequest(request, reply, mount, gate, security, {
          status: 403,
          code: 'not_allowed',
          error: `${identity.email ?? identity.subject} may not see this page.`,
          returnTo: mount.basePath || '/',
        });
      }
      const grant = gate.signer.sign(
        'grant',
        { s: mount.slug, f: mount.access.fingerprint, n: randomUUID() },
        gate.now() + GRANT_TTL_MS,
      );
      return reply
        .header('cache-control', 'no-store')
        .redirect(`${mount.url}/_access/grant?t=${encodeURIComponent(grant)}`, 303);
    } catch (err) {
      return denyPrivateRequest(request, reply, mount, gate, security, {
        status: err instanceof OidcLoginError ? OIDC_LOGIN_ERROR_STATUS[err.code] : 400,
        code: 'sso_failed',
        error: ssoMessage(err),
        returnTo: mount.basePath || '/',
      });
    }
  });

  const grant = (request: FastifyRequest, reply: FastifyReply) => {
    const mount = mountOf(request, '/_access/grant');
    if (!mount?.access.oidc) return notFound(reply);
    const now = gate.now();
    const payload = gate.signer.read('grant', (request.query as Record<string, unknown>).t as string | undefined, now);
    const nonce = typeof payload?.n === 'string' ? payload.n : undefined;
    if (
      !payload ||
      !nonce ||
      payload.s !== mount.slug ||
      payload.f !== mount.access.fingerprint ||
      usedGrants.has(nonce)
    ) {
      return denyPrivateRequest(request, reply, mount, gate, security, {
        status: 400,
        code: 'sso_failed',
        error: 'This sign-in link expired or was already used; sign in again.',
        returnTo: mount.basePath || '/',
      });
    }
    for (const [n, expiresAt] of usedGrants) if (expiresAt <= now || usedGrants.size > 10_000) usedGrants.delete(n);
    usedGrants.set(nonce, now + GRANT_TTL_MS);
    reply.header('set-cookie', issuePageCookie(gate.signer, mount, 'oidc', now, gate.secureCookies));
    return reply.header('cache-control', 'no-store').redirect(mount.basePath ? `${mount.basePath}/` : '/', 303);
  };
  app.get('/_access/grant', grant);
  app.get('/:slug/_access/grant', grant);
}

/** The private page whose root the path names once `suffix` is taken off. */
function gatedMountBefore(snapshot: PublicSnapshot, request: FastifyRequest, suffix: string): GatedMount | undefined {
  const path = request.url.split('?')[0]!;
  if (!path.endsWith(suffix)) return undefined;
  const { mount, rest } = snapshot.resolve(request.headers.host, path.slice(0, -suffix.length) || '/');
  if (rest !== '/' && rest !== '') return undefined;
  return mount.access ? { ...mount, access: mount.access } : undefined;
}

/** The form came from a page on this host (Origin, or Referer when a browser sends no Origin). */
function sameOrigin(request: FastifyRequest): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (typeof source !== 'string' || !URL.canParse(source)) return false;
  return new URL(source).host === request.headers.host;
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .send({ error: 'not_found', message: 'no such private page' });
}

function ssoMessage(err: unknown): string {
  return err instanceof OidcLoginError ? `Single sign-on failed: ${err.message}` : 'Single sign-on failed.';
}
