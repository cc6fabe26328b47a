import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PharosMetrics } from '../../ops/metrics/pharos-metrics.ts';

export interface MetricsRouteOptions {
  metrics: PharosMetrics;
  /** when set, a scrape needs `Authorization: Bearer <token>` */
  token?: string;
}

/** Count every answer fastify gives, by route pattern (request.routeOptions.url, never the raw URL) and status. */
export function observeHttpAnswers(app: FastifyInstance, metrics: PharosMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.http.requestAnswered(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}

/** GET /metrics: Prometheus text format, optionally behind a bearer token. */
export function registerMetricsRoute(app: FastifyInstance, opts: MetricsRouteOptions): void {
  const expected = opts.token === undefined ? undefined : digest(opts.token);
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (expected && !bearerMatches(request.headers.authorization, expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: 'unauthorized', message: 'a bearer token is needed for /metrics' });
    }
    const body = await opts.metrics.render();
    return reply.header('content-type', opts.metrics.contentType).send(body);
  });
}

/** Compared as SHA-256 digests, in constant time, so that neither length nor prefix leaks. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
