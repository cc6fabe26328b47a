import type { FastifyInstance } from 'fastify';
import { LOGIN_THROTTLE_DEFAULTS } from '../auth/login-throttle.ts';
import { StoreThrottle } from '../auth/shared-throttle.ts';
import type { Bus } from '../bus/bus.ts';
import type { PharosConfig } from '../config/schema.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import { registerAdminUi } from '../http/admin-ui/register-admin-ui.ts';
import { adminRoutes } from '../http/admin/routes/index.ts';
import { buildApp } from '../http/app.ts';
import { httpLimitsOf } from '../http/http-limits.ts';
import { defaultRenderers } from '../http/public/default-renderers.ts';
import { createPageAccessGate } from '../http/public/private/page-access-gate.ts';
import type { PublicSnapshot } from '../http/public/public-snapshot.ts';
import { StreamHub } from '../http/public/stream-hub.ts';
import type { PharosMetrics } from '../ops/metrics/pharos-metrics.ts';
import type { StaticPublisher } from '../publish/static-publisher.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';
import { installationSecret } from './installation-secret.ts';
import { opsOnlyApp } from './ops-only-app.ts';
import type { PublicBaseUrl } from './public-base-url.ts';
import { readinessChecks } from './readiness.ts';
import { servesWeb, type Role } from './roles.ts';
import { PHAROS_VERSION } from './version.ts';
import type { WorkerSide } from './wire-worker.ts';

/** The installation's key (settings table) for the admin's sign-ins in progress when server.secret is not set. */
const OIDC_COOKIE_KEY_SETTING = 'oidc_cookie_key';

export interface WebDeps {
  config: PharosConfig;
  role: Role;
  store: Store;
  bus: Bus;
  snapshot: PublicSnapshot;
  egress: EgressPolicy;
  baseUrl: PublicBaseUrl;
  logger: Logger;
  metrics?: PharosMetrics;
  now(): number;
  worker: WorkerSide;
  /** the static copy's publisher (`publish:`), shown on /readyz */
  publisher?: StaticPublisher;
}

/** The web side, wired (not yet listening). */
export interface WebSide {
  app: FastifyInstance;
  streams: StreamHub;
  /** /readyz answers 503 from now on (a shutdown began) */
  drain(): void;
}

/**
 * HTTP over the worker side: the public pages, SSE streams, push and subscribe routes, the admin API and UI, and
 * /healthz, /readyz, /metrics. A `worker` replica gets only the ops routes. The snapshot is started by the caller.
 */
export async function wireWeb(deps: WebDeps): Promise<WebSide> {
  const { config, store, bus, snapshot, logger, metrics, now, worker, baseUrl } = deps;
  const streams = new StreamHub({ perClient: config.server.streams_per_client });
  snapshot.onChange((changed) => streams.publish(changed));
  let draining = false;
  const { leases } = worker;
  const readiness = readinessChecks({
    store,
    canary: worker.canary,
    bus,
    draining: () => draining,
    leases: leases && (() => leases.health.problem(now())),
    publish: deps.publisher && (() => deps.publisher!.problem()),
  });
  const metricsAccess =
    config.metrics.token !== undefined
      ? { token: config.metrics.token }
      : config.metrics.public
        ? ('public' as const)
        : ('unconfigured' as const);
  if (metrics && metricsAccess === 'unconfigured')
    logger.warn(
      { component: 'metrics' },
      '/metrics refuses every scrape (401): set metrics.token, or metrics.public: true to serve it without one',
    );
  const metricsRoute = metrics && { metrics, access: metricsAccess };
  const limits = httpLimitsOf(config.server);
  const drain = () => void (draining = true);
  if (!servesWeb(deps.role))
    return { app: opsOnlyApp({ logger, readiness, metrics: metricsRoute, limits }), streams, drain };

  const reloadCatalog = () =>
    void worker.admin
      .catalogChanged()
      .catch((err: unknown) => logger.error({ component: 'catalog', err }, 'reloading the catalog failed'));
  const app = await buildApp({
    logger,
    trustProxy: config.server.trust_proxy,
    limits: { ...limits, publicPostsPerMinute: config.server.public_posts_per_minute },
    security: { https: baseUrl.https, widgetFrameAncestors: config.server.widget_frame_ancestors },
    admin: {
      context: { store, bus, runtime: worker.admin, egress: deps.egress, now, links: baseUrl.eventLinks() },
      secureCookies: baseUrl.https,
      rateLimitPerMinute: config.admin.rate_limit_per_minute,
      routes: adminRoutes({
        signIn: {
          ipThrottle: new StoreThrottle(store.shared, 'sign_in', {
            max: LOGIN_THROTTLE_DEFAULTS.max,
            windowMs: LOGIN_THROTTLE_DEFAULTS.windowMs,
            now,
          }),
        },
        issuer: config.title,
        oidcLabel: config.admin.oidc?.button_label,
        subscribers: config.subscribers,
      }),
      version: PHAROS_VERSION,
      baseUrl: config.server.base_url,
      registerUi: (ui) =>
        registerAdminUi(ui, {
          title: config.title,
          setupDone: () =>
            store.admin.countUsers().then(
              (n) => n > 0,
              () => false,
            ),
        }),
      oidc: config.admin.oidc
        ? {
            config: config.admin.oidc,
            baseUrl: () => baseUrl.href,
            secret: await installationSecret(config, store, OIDC_COOKIE_KEY_SETTING),
          }
        : undefined,
    },
    snapshot,
    streams,
    pageAccess: await createPageAccessGate(config, { store, now, baseUrl }),
    renderers: defaultRenderers,
    readiness,
    push: { monitorForToken: (t) => worker.pushInbox.monitorForToken(t), receive: worker.receivePush, now },
    // a subscriber confirmed or removed changes the notification targets
    subscribers: { ...worker.subscribers.deps, onChange: reloadCatalog },
    metrics: metricsRoute,
  });
  return { app, streams, drain };
}
