import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows, anonymousActor } from '../../admin/actor.ts';
import { AdminError } from '../../admin/admin-error.ts';
import { authenticateSession, authenticateToken, type Authenticated } from '../../admin/authenticate.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { safeEqual } from '../../auth/secret-token.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../auth/session-policy.ts';
import { errorAnswer } from './admin-error-status.ts';
import type { AdminRoute, RouteHttp } from './admin-route.ts';
import { parseInput } from './parse-input.ts';

export interface AdminApiDeps {
  context: Omit<ServiceContext, 'actor'>;
  /** Secure cookies (base URL is https) */
  secureCookies: boolean;
  /** requests per minute per client on the admin API */
  rateLimitPerMinute: number;
}

/**
 * Registers the admin routes: who is asking (session cookie or bearer token), whether they may, CSRF for cookie
 * writes, input parsing, one service call, errors mapped once. Handlers never see an unparsed value.
 */
export function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps, routes: readonly AdminRoute[]): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.path,
      bodyLimit: 262_144,
      // routes open to anyone (sign-in, setup) get a tighter limit: each may cost a password hash
      config: {
        rateLimit: {
          max: r.access === 'anyone' ? Math.min(60, deps.rateLimitPerMinute) : deps.rateLimitPerMinute,
          timeWindow: 60_000,
        },
      },
      handler: (request, reply) => handle(r, deps, request, reply),
    });
  }
}

async function handle(
  r: AdminRoute,
  deps: AdminApiDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const ip = request.ip ?? null;
  const userAgent = headerOf(request, 'user-agent');
  try {
    const auth = await authenticate(request, deps, ip, r.acceptsPendingSecondFactor === true);
    if (!auth && r.access !== 'anyone')
      throw new AdminError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer …".');
    const actor = auth?.actor ?? anonymousActor(ip);
    if (r.access !== 'anyone' && r.access !== 'signed_in' && !allows(actor, r.access)) {
      throw new AdminError(
        'forbidden',
        `a ${actor.role}${actor.type === 'token' ? ' token with these scopes' : ''} may not do this (needs the "${r.access}" permission)`,
      );
    }
    if (auth?.session && r.method !== 'GET' && !r.csrfExempt) {
      const sent = headerOf(request, 'x-csrf-token');
      if (!sent || !safeEqual(sent, auth.session.csrfToken))
        throw new AdminError('csrf', 'Missing or wrong X-CSRF-Token header (reload the page and try again).');
    }
    const input = {
      params: parseInput('params', r.params, request.params),
      query: parseInput('query', r.query, request.query ?? {}),
      body: parseInput('body', r.body, r.prepareBody ? r.prepareBody(request.body) : request.body),
    };
    let raw: { type: string; body: string } | null = null;
    let status: number = r.successStatus ?? 200;
    const http: RouteHttp = {
      ip,
      userAgent,
      sessionIdHash: auth?.session?.idHash ?? null,
      setSessionCookie: (secret, maxAgeMs) =>
        void reply.setCookie(SESSION_COOKIE, secret, {
          ...sessionCookieOptions({ secure: deps.secureCookies }),
          maxAge: Math.floor(maxAgeMs / 1000),
        }),
      clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, { path: '/' }),
      header: (name, value) => void reply.header(name, value),
      raw: (type, body) => (raw = { type, body }),
      status: (code) => (status = code),
    };
    const result = await r.handle({ ...deps.context, actor }, input, http);
    reply.header('cache-control', 'no-store');
    if (raw !== null) {
      const { type, body } = raw as { type: string; body: string };
      return reply.code(status).type(type).send(body);
    }
    if (status === 204 || result === undefined) return reply.code(204).send();
    return reply.code(status).send(result);
  } catch (err) {
    return sendError(err, request, reply);
  }
}

async function authenticate(
  request: FastifyRequest,
  deps: AdminApiDeps,
  ip: string | null,
  allowMfaPending: boolean,
): Promise<Authenticated | null> {
  const { store, now } = deps.context;
  const authorization = headerOf(request, 'authorization');
  if (authorization) {
    const m = /^Bearer\s+(\S{10,200})$/i.exec(authorization);
    const auth = m ? await authenticateToken(store, m[1]!, now(), ip) : null;
    if (!auth) throw new AdminError('unauthorized', 'The API token is wrong, revoked or expired.');
    return auth;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie || cookie.length > 200) return null;
  return authenticateSession(store, cookie, now(), ip, { allowMfaPending });
}

function headerOf(request: FastifyRequest, name: string): string | null {
  const v = request.headers[name];
  return typeof v === 'string' ? v : null;
}

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('cache-control', 'no-store');
  const answer = errorAnswer(err);
  if (answer) {
    if (answer.retryAfterMs !== undefined)
      reply.header('retry-after', String(Math.max(1, Math.ceil(answer.retryAfterMs / 1000))));
    return reply
      .code(answer.status)
      .send({ error: answer.code, message: answer.message, ...(answer.issues ? { issues: answer.issues } : {}) });
  }
  request.log.error({ err }, 'admin request failed');
  return reply.code(500).send({ error: 'internal', message: 'internal error' });
}
