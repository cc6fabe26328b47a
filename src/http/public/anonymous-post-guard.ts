import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { RequestBudget } from './request-budget.ts';

/** Largest body an anonymous POST may carry: a sign-up, a password or an unsubscribe click is a few hundred bytes. */
export const ANONYMOUS_BODY_LIMIT = 8_192;

export interface AnonymousPostGuardOptions {
  /** requests per client address per minute, over all rate-checked anonymous POSTs together */
  perMinute: number;
  now?: () => number;
}

/**
 * Every POST outside the admin side (which has its own rate limit and sign-in) is anonymous: subscriber sign-up,
 * unsubscribe, a private page's password, push. Before fastify reads their body: a declared length over
 * ANONYMOUS_BODY_LIMIT gets 413, a body of undeclared length 411, and a client over its budget 429. So a flood costs
 * a header parse, never a body buffered or parsed. Applied to routes as they are added (call before registering them),
 * so that a new public POST route is covered without opting in.
 */
export function guardAnonymousPosts(app: FastifyInstance, opts: AnonymousPostGuardOptions): void {
  const budget = new RequestBudget({ perWindow: opts.perMinute, windowMs: 60_000, maxKeys: 100_000, now: opts.now });
  const checkSize = async (request: FastifyRequest, reply: FastifyReply) => refuseBody(request, reply);
  const checkRateAndSize = async (request: FastifyRequest, reply: FastifyReply) => {
    const retryAfterMs = budget.take(request.ip);
    if (retryAfterMs > 0) {
      reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      return refuse(
        request,
        reply,
        429,
        'rate_limited',
        `Too many requests from your address; try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
      );
    }
    return refuseBody(request, reply);
  };
  app.addHook('onRoute', (route) => {
    if (!isAnonymousPost(route)) return;
    route.bodyLimit = Math.min(route.bodyLimit ?? ANONYMOUS_BODY_LIMIT, ANONYMOUS_BODY_LIMIT);
    // a push carries its secret token in the URL and services behind one address push often: size only
    const check = route.url.startsWith('/api/push/') ? checkSize : checkRateAndSize;
    route.onRequest = [
      check,
      ...(route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]),
    ];
  });
}

function isAnonymousPost(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.includes('POST')) return false;
  return !(route.url.startsWith('/api/v1/') || route.url === '/admin' || route.url.startsWith('/admin/'));
}

function refuseBody(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const length = request.headers['content-length'];
  if (length === undefined) {
    if (request.headers['transfer-encoding'] === undefined) return undefined;
    return refuse(request, reply, 411, 'length_required', 'Send the body with a Content-Length header.');
  }
  if (Number(length) > ANONYMOUS_BODY_LIMIT)
    return refuse(request, reply, 413, 'body_too_large', `The body may be at most ${ANONYMOUS_BODY_LIMIT} bytes.`);
  return undefined;
}

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
): FastifyReply {
  // the unread body stays unread: the connection closes after this answer instead of draining it
  if (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined)
    reply.header('connection', 'close');
  return reply.code(status).header('cache-control', 'no-store').send({ error, message });
}
