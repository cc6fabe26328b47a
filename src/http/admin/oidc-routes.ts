import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AdminError } from '../../admin/admin-error.ts';
import { signInWithOidc } from '../../admin/oidc-sign-in.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { OidcLogin, OIDC_PENDING_TTL_MS, type OidcPending } from '../../auth/oidc/oidc-login.ts';
import { newSecret } from '../../auth/secret-token.ts';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, sessionCookieOptions } from '../../auth/session-policy.ts';
import { isLoopbackHttpUrl, type OidcConfig } from '../../config/oidc-schema.ts';
import { escapeHtml } from '../../web/html/html.ts';
import { errorAnswer } from './admin-error-status.ts';

const PENDING_COOKIE = 'pharos_oidc';
const MAX_PENDING = 10_000;

export interface OidcRouteDeps {
  config: OidcConfig;
  /** the public base URL (read per request: with port 0 it is known only once the server listens) */
  baseUrl(): string;
  context: Omit<ServiceContext, 'actor'>;
  secureCookies: boolean;
}

/**
 * Single sign-on for the admin: /admin/login/oidc starts an authorization code + PKCE flow, the callback turns the
 * identity into a session. The pending state (state, nonce, verifier) stays on the server, keyed by a random cookie.
 * Kept in this process's memory: with several web replicas, the load balancer must keep a visitor on one replica
 * for the few seconds of the redirect, or the sign-in is simply started again.
 */
export function registerOidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): void {
  const issuer = new URL(deps.config.issuer);
  const login = new OidcLogin(deps.config, {
    baseUrl: deps.baseUrl,
    allowInsecureIssuer: isLoopbackHttpUrl(issuer),
    now: deps.context.now,
  });
  const pending = new Map<string, OidcPending>();
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
      const { secret } = newSecret('pho_');
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
      pending.set(secret, started.state);
      reply.setCookie(PENDING_COOKIE, secret, cookieOptions);
      return reply.redirect(started.url, 303);
    } catch (err) {
      return failure(reply, req, err);
    }
  });

  app.get(login.redirectPath, async (req, reply) => {
    const key = req.cookies?.[PENDING_COOKIE];
    const state = key ? pending.get(key) : undefined;
    if (key) pending.delete(key);
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
