import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AdminError } from '../../admin/admin-error.ts';
import { signInWithOidc } from '../../admin/oidc-sign-in.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { OidcLogin, OIDC_PENDING_TTL_MS, oidcPendingSchema } from '../../auth/oidc/oidc-login.ts';
import { TokenSealer } from '../../auth/sealed-token.ts';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, sessionCookieOptions } from '../../auth/session-policy.ts';
import { isLoopbackHttpUrl, type OidcConfig } from '../../config/oidc-schema.ts';
import { escapeHtml } from '../../web/html/html.ts';
import { errorAnswer } from './admin-error-status.ts';

const PENDING_COOKIE = 'pharos_oidc';

export interface OidcRouteDeps {
  config: OidcConfig;
  /** the public base URL (read per request: with port 0 it is known only once the server listens) */
  baseUrl(): string;
  context: Omit<ServiceContext, 'actor'>;
  secureCookies: boolean;
  /** seals the sign-in in progress into its cookie: server.secret, or the installation's key kept in the store */
  secret: string;
}

/**
 * Single sign-on for the admin: /admin/login/oidc starts an authorization code + PKCE flow, the callback turns the
 * identity into a session. The pending state (state, nonce, verifier) travels in a cookie sealed with the
 * installation's secret (encrypted and authenticated, 10 minutes): the server keeps nothing, so the callback may
 * reach any replica. The state in the provider's answer must match the one sealed, and the cookie is cleared at
 * the callback (a sign-in finishes once: the provider's code is single-use too).
 */
export function registerOidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const issuer = new URL(deps.config.issuer);
  const login = new OidcLogin(deps.config, {
    baseUrl: deps.baseUrl,
    allowInsecureIssuer: isLoopbackHttpUrl(issuer),
    now: deps.context.now,
  });
  const sealer = new TokenSealer(deps.secret, 'admin oidc pending');
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies,
    path: '/admin/login/oidc',
    maxAge: OIDC_PENDING_TTL_MS / 1000,
  };

  app.get('/admin/login/oidc', async (req, reply) => {
    try {
      const started = await login.start();
      const sealed = sealer.seal(started.state, started.state.createdAt + OIDC_PENDING_TTL_MS);
      reply.setCookie(PENDING_COOKIE, sealed, cookieOptions);
      return reply.redirect(started.url, 303);
    } catch (err) {
      return failure(reply, req, err);
    }
  });

  app.get(login.redirectPath, async (req, reply) => {
    const opened = oidcPendingSchema.safeParse(sealer.open(req.cookies?.[PENDING_COOKIE], deps.context.now()));
    const state = opened.success ? opened.data : undefined;
    reply.clearCookie(PENDING_COOKIE, { path: cookieOptions.path });
    try {
      if (!state) throw new AdminError('unauthorized', 'This sign-in expired or was already used; start again.');
      const identity = await login.finish(new URL(req.url, deps.baseUrl()), state);
      const made = await signInWithOidc({ store: deps.context.store, now: deps.context.now }, deps.config, identity, {
        ip: req.ip ?? null,
        userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
      });
      reply.setCookie(SESSION_COOKIE, made.secret, {
        ...sessionCookieOptions({ secure: deps.secureCookies }),
        maxAge: SESSION_ABSOLUTE_MS / 1000,
      });
      return reply.redirect('/admin', 303);
    } catch (err) {
      return failure(reply, req, err);
    }
  });
}

function failure(reply: FastifyReply, req: FastifyRequest, err: unknown): FastifyReply {
  const message = err instanceof Error ? err.message : 'sign-in failed';
  // the login page is the answer whatever went wrong: an unexpected error is a failed sign-in too (and logged)
  const status = errorAnswer(err)?.status ?? 401;
  if (!(err instanceof AdminError)) req.log.warn({ err }, 'single sign-on failed');
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head><body><main><h1>Sign-in failed</h1><p>${escapeHtml(message)}</p><p><a href="/admin/login">Back to sign-in</a></p></main></body></html>`,
    );
}
