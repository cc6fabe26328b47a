import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerHealthRoutes, type ReadinessCheck } from '../http/ops/health-routes.ts';
import { observeHttpAnswers, registerMetricsRoute, type MetricsRouteOptions } from '../http/ops/metrics-route.ts';
import { limitedServer, type HttpLimits } from '../http/http-limits.ts';
import type { Logger } from './logger.ts';

/** The HTTP side of a `worker` replica: /healthz, /readyz and (when enabled) /metrics, nothing public. */
export function opsOnlyApp(deps: {
  logger: Logger;
  readiness: ReadinessCheck[];
  metrics?: MetricsRouteOptions;
  limits: HttpLimits;
}): FastifyInstance {
  const app: FastifyInstance = Fastify({
    serverFactory: (handler) => limitedServer(deps.limits, handler),
    loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
  });
  if (deps.metrics) observeHttpAnswers(app, deps.metrics.metrics);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: 'not_found',
      message: `a worker serves only /healthz, /readyz and /metrics, not ${request.url.split('?')[0]}`,
    }),
  );
  registerHealthRoutes(app, deps.readiness);
  if (deps.metrics) registerMetricsRoute(app, deps.metrics);
  return app;
}
