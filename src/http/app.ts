import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { errorAnswer } from './admin/admin-error-status.ts';
import type { TrustProxy } from '../config/schema.ts';
import type { Logger } from '../runtime/logger.ts';
import { acceptEmptyJsonBodies } from './empty-json-body.ts';
import type { HttpLimits } from './http-limits.ts';
import { guardAnonymousPosts } from './public/anonymous-post-guard.ts';
import { trustsProxy } from './trust-proxy.ts';
import { registerAdmin, type AdminDeps } from './admin/register-admin.ts';
import { htmlSecurityHeaders } from './public/serve-public-raw.ts';
import { securityHeaders, type SecurityHeaderOptions } from './security-headers.ts';
import { echoRequestId, requestIdOptions } from './request-id.ts';
import { registerHealthRoutes, type ReadinessCheck } from './ops/health-routes.ts';
import { observeHttpAnswers, registerMetricsRoute, type MetricsRouteOptions } from './ops/metrics-route.ts';
import { publicAnswerKind } from '../ops/metrics/public-answer-counts.ts';
import { registerPushRoutes, type PushRouteDeps } from './public/push-routes.ts';
import type { PageAccessGate } from './public/private/page-access-gate.ts';
import type { PublicRenderers } from './public/public-renderers.ts';
import type { PublicAnswer } from './public/resolve-public-request.ts';
import { publicFastPathServer, registerPublicRoutes, staticAssets } from './public/public-routes.ts';
import type { PublicSnapshot } from './public/public-snapshot.ts';
import type { StreamHub } from './public/stream-hub.ts';
import { registerSubscribeRoutes } from './public/subscribe/register-subscribe-routes.ts';
import type { SubscriberServiceDeps } from '../notify/subscribers/subscriber-service-deps.ts';

export interface AppDeps {
  admin: AdminDeps;
  security: SecurityHeaderOptions;
  logger: Logger;
  snapshot: PublicSnapshot;
  streams: StreamHub;
  renderers: PublicRenderers;
  readiness: ReadinessCheck[];
  push: PushRouteDeps;
  /** proxies whose X-Forwarded-For is believed (server.trust_proxy: false, a hop count, or addresses) */
  trustProxy: TrustProxy;
  /** timeouts of the HTTP server and the anonymous POST budget (server.* in the config) */
  limits: HttpLimits & { publicPostsPerMinute: number };
  /** checks visitors of private pages (src/http/public/private) */
  pageAccess?: PageAccessGate;
  /** public sign-up, confirmation and unsubscribe (src/http/public/subscribe) */
  subscribers?: SubscriberServiceDeps;
  /** GET /metrics and the HTTP series; absent: no metrics */
  metrics?: MetricsRouteOptions;
}

/** The HTTP edge: thin routes over the snapshot and the runtime. Errors become JSON with a code, never a stack. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const security = htmlSecurityHeaders((kind) => securityHeaders(kind, deps.security));
  const metrics = deps.metrics?.metrics;
  const answered =
    metrics &&
    ((answer: PublicAnswer, status: number) => metrics.http.publicAnswered(publicAnswerKind(answer), status));
  const side = {
    snapshot: deps.snapshot,
    streams: deps.streams,
    renderers: deps.renderers,
    security,
    access: deps.pageAccess,
    answered,
  };
  const adminHeaders = securityHeaders('admin', deps.security);
  const assets = staticAssets(deps.renderers);
  const app: FastifyInstance = Fastify({
    serverFactory: publicFastPathServer(side, assets, deps.limits),
    loggerInstance: deps.logger.child({ component: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit: 1_048_576,
    // request.ip is the client address everywhere (limits, lockouts, ip_allow, audit): the right-most untrusted hop
    trustProxy: trustsProxy(deps.trustProxy),
    ...requestIdOptions(),
  });
  echoRequestId(app);
  acceptEmptyJsonBodies(app);
  // before any route is added: it applies to the routes as they are registered
  guardAnonymousPosts(app, { perMinute: deps.limits.publicPostsPerMinute });
  if (metrics) observeHttpAnswers(app, metrics);
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(adminHeaders)) if (!reply.hasHeader(name)) reply.header(name, value);
  });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const answer = errorAnswer(err);
    if (answer)
      return reply
        .code(answer.status)
        .send({ error: answer.code, message: answer.message, ...(answer.issues && { issues: answer.issues }) });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err }, 'request failed');
    return reply.code(status).send({
      error: err.code ?? (status >= 500 ? 'internal' : 'bad_request'),
      message: status >= 500 ? 'internal error' : err.message,
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );
  registerHealthRoutes(app, deps.readiness);
  if (deps.metrics) registerMetricsRoute(app, deps.metrics);
  await registerAdmin(app, deps.admin);
  registerPushRoutes(app, deps.push);
  if (deps.subscribers)
    registerSubscribeRoutes(app, deps.subscribers, { snapshot: deps.snapshot, access: deps.pageAccess, security });
  registerPublicRoutes(app, side, assets);
  return app;
}
