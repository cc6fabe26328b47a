import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PharosMetrics } from '../../ops/metrics/pharos-metrics.ts';

export interface MetricsRouteOptions {
  metrics: PharosMetrics;
  /**
   * who may scrape: holders of the bearer token, anyone (`public`, the operator's explicit choice), or, with neither
   * configured, nobody (401 with a hint: an endpoint left open by omission is not a default)
   */
  access: { token: string } | 'public' | 'unconfigured';
}

/** Count every answer fastify gives, by route pattern (request.routeOptions.url, never the raw URL) and status. */
export function observeHttpAnswers(app: FastifyInstance, metrics: PharosMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.http.requestAnswered(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}

/** GET /metrics: Prometheus text format, behind a bearer token unless explicitly public. */
export function registerMetricsRoute(app: FastifyInstance, opts: MetricsRouteOptions): void {
  const { access } = opts;
  const expected = typeof access === 'object' ? digest(access.token) : undefined;
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (access === 'unconfigured') {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({
        error: 'metrics_token_not_configured',
        message:
          'no scrape token is configured: set metrics.token (16+ characters) and scrape with "Authorization: Bearer <token>", or set metrics.public: true to serve /metrics to anyone who can reach it',
      });
    }
    if (expected && !bearerMatches(request.headers.authorization, expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'unauthorized', message: 'a bearer token is needed for /metrics' });
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
