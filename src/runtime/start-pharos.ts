import type { FastifyInstance } from 'fastify';
import type { Bus } from '../bus/bus.ts';
import { createBus } from '../bus/create-bus.ts';
import type { PushRecord } from '../checks/check-type.ts';
import { closeKeepAliveAgents } from '../checks/http/keep-alive-agents.ts';
import type { PharosConfig } from '../config/schema.ts';
import { judgeProbe } from '../domain/judge-probe.ts';
import { buildApp } from '../http/app.ts';
import { httpLimitsOf } from '../http/http-limits.ts';
import { defaultRenderers } from '../http/public/default-renderers.ts';
import { createPageAccessGate } from '../http/public/private/page-access-gate.ts';
import { PublicSnapshot } from '../http/public/public-snapshot.ts';
import { StreamHub } from '../http/public/stream-hub.ts';
import { PharosMetrics } from '../ops/metrics/pharos-metrics.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { BatchWriter } from './batch-writer.ts';
import { PendingBatch } from './pending-batch.ts';
import { ConnectivityCanary } from './connectivity-canary.ts';
import { groupsNamedBy } from '../config/group-schema.ts';
import { createEgressPolicy } from '../egress/egress-policy.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { adminRoutes } from '../http/admin/routes/index.ts';
import { registerAdminUi } from '../http/admin-ui/register-admin-ui.ts';
import { loadCatalog } from './catalog.ts';
import { housekeeping } from './housekeeping.ts';
import { loadBoard } from './load-board.ts';
import { LocalAdminRuntime } from './local-admin-runtime.ts';
import { NotificationsRuntime, type NotificationsDeps } from './notifications-runtime.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { offerSetupLink } from './setup-link.ts';
import { PHAROS_VERSION } from './version.ts';
import { createSubscriberRuntime } from '../notify/subscribers/subscriber-runtime.ts';
import { snapshotSubscriberPages } from '../http/public/subscribe/snapshot-subscriber-pages.ts';
import { createLogger, type Logger } from './logger.ts';
import { MonitorRunner } from './monitor-runner.ts';
import { PushInbox } from './push-inbox.ts';
import { readinessChecks } from './readiness.ts';
import { ResultPipeline } from './result-pipeline.ts';
import type { StatusBoard } from './status-board.ts';
import type { CheckResult } from '../domain/check-result.ts';
import { LeaseManager } from '../scheduler/leases/lease-manager.ts';
import { leaseFence } from './lease-fence.ts';
import { opsOnlyApp } from './ops-only-app.ts';
import { runsChecks, servesWeb, type Role } from './roles.ts';
import { runShutdown, type ShutdownOutcome } from './shutdown.ts';

export interface StartOptions {
  config: PharosConfig;
  /** overrides config.server.port (0 = any free port) */
  port?: number;
  logger?: Logger;
  now?: () => number;
  /** outbox worker tuning (tests and benches shorten the backoff) */
  outbox?: NotificationsDeps['worker'];
  /** what this process does (default `all`): see src/runtime/roles.ts */
  role?: Role;
  /** lease tuning (tests shorten the TTL); the worker id defaults to host:pid:random. PostgreSQL only: on SQLite the process that checks owns every monitor */
  leases?: { ttlMs?: number; workerId?: string };
  /** told of every result this process records (tests: which worker ran which check) */
  onResult?: (result: CheckResult) => void;
}

export interface RunningPharos {
  url: string;
  app: FastifyInstance;
  store: Store;
  board: StatusBoard;
  runner: MonitorRunner;
  writer: BatchWriter;
  pipeline: ResultPipeline;
  snapshot: PublicSnapshot;
  bus: Bus;
  admin: LocalAdminRuntime;
  notifications: NotificationsRuntime;
  /** the Prometheus series (absent when metrics.enabled is false) */
  metrics?: PharosMetrics;
  role: Role;
  /** this worker's share of the monitors (absent on a `web` replica, and on SQLite where one process checks everything) */
  leases?: LeaseManager;
  close(): Promise<void>;
  /**
   * SIGTERM: not ready at once, stop new checks and outbox claims, let checks in flight finish, flush, release the
   * leases, close SSE streams with a retry hint, then HTTP, bus and store; gives up after `graceMs` (default
   * config.server.shutdown_grace) and says what was pending.
   */
  shutdown(opts?: { graceMs?: number }): Promise<ShutdownOutcome>;
  /** tests only: die like a killed process (no more heartbeats or checks, leases left to expire), then free resources */
  crash(): Promise<void>;
}

/** The composition root: store, board, scheduler, pipeline, snapshot and HTTP, wired once. */
export async function startPharos(opts: StartOptions): Promise<RunningPharos> {
  const { config } = opts;
  const role = opts.role ?? 'all';
  const checks = runsChecks(role);
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? createLogger(config.logging.level);
  const metrics = config.metrics.enabled ? new PharosMetrics({ version: PHAROS_VERSION, now, onCollectError: (err) => logger.warn({ component: 'metrics', err }, 'reading a metric failed') }) : undefined;
  const store = await openStore(config.storage.url, { logger: logger.child({ component: 'store' }), plugins: metrics ? [metrics.storeQueries] : [] });
  // a database that fails while Pharos prepares leaves no pool behind (`pharos start` retries while it is unreachable)
  const { catalog, board, bus } = await (async () => {
    await store.migrate();
    const synced = await store.syncConfig(
      {
        monitors: [...config.monitors],
        components: [...config.components],
        catalog: [
          { kind: 'group', objects: groupsNamedBy(config.components) },
          { kind: 'page', objects: config.pages.map((p) => ({ ...p, id: p.slug })) },
          { kind: 'maintenance', objects: [...config.maintenances] },
          { kind: 'channel', objects: [...config.notifications] },
        ],
      },
      now(),
    );
    if (synced.archivedMonitors.length + synced.archivedComponents.length > 0) logger.info({ component: 'config', ...synced }, 'archived objects no longer in the config');

    const catalog = await loadCatalog(store);
    const board = await loadBoard(store, catalog, now());
    return { catalog, board, bus: await createBus(config, store, logger) };
  })().catch(async (err: unknown) => {
    await store.close().catch(() => undefined);
    throw err;
  });
  // SQLite has one writer process: the one that checks owns every monitor, without lease rounds or a fence to keep
  const shared = checks && store.dialect === 'postgres';
  const workerId = opts.leases?.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const fence = shared ? leaseFence({ leases: store.leases, workerId, units: () => adminRuntime.unitContents, logger }) : undefined;
  const writer = new BatchWriter({ store, bus, logger, intervalMs: config.storage.batch_interval, maxResults: config.storage.batch_size, maxBuffered: config.storage.buffer_limit, fence });
  const canary = config.connectivity ? new ConnectivityCanary(config.connectivity, logger, now) : undefined;
  const egress = createEgressPolicy(config.egress, { publicAllow: config.subscribers.webhook_allow });
  const publicUrl = (config.server.base_url ?? `http://localhost:${opts.port || config.server.port}`).replace(/\/$/, '');
  // the catalog as this process loaded it, and (when it checks every monitor) the board's states: a rebuild reads neither again
  const snapshot = new PublicSnapshot({ store, config, bus, logger, renderers: defaultRenderers, now, catalog: () => adminRuntime.currentCatalog, monitorStates: checks && !shared ? () => board.states : undefined });
  const subscribers = createSubscriberRuntime({
    store,
    config: config.subscribers,
    egress,
    logger,
    now,
    baseUrl: () => publicUrl,
    pages: snapshotSubscriberPages(snapshot),
    onChange: () => void adminRuntime.catalogChanged().catch((err: unknown) => logger.error({ component: 'catalog', err }, 'reloading the catalog failed')),
  });
  const notifications = new NotificationsRuntime({
    store,
    bus,
    board,
    writer,
    egress,
    logger,
    now,
    links: { pageUrl: publicUrl, adminUrl: `${publicUrl}/admin` },
    claimant: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    worker: {
      maxAgeMs: config.delivery.max_age,
      backoffBaseMs: config.delivery.backoff_base,
      backoffMaxMs: config.delivery.backoff_max,
      leaseMs: config.delivery.lease,
      pollMs: config.delivery.poll_interval,
      timeoutMs: config.delivery.timeout,
      ...opts.outbox,
    },
    subscriberSender: (id) => subscribers.sender(id),
    onDelivery: metrics && ((target, outcome, rows) => metrics.outbox.delivered(target, outcome, rows)),
  });
  const pipeline = new ResultPipeline({ board, writer, now, isOffline: () => canary?.status.offline ?? false, notify: notifications.router });
  const pushInbox = new PushInbox();
  const onResult = (r: CheckResult) => {
    pipeline.record(r);
    opts.onResult?.(r);
  };
  const runner = new MonitorRunner({ concurrency: config.scheduler.concurrency, perHostConcurrency: config.scheduler.per_host_concurrency, pushInbox, logger, now, egress, onResult, observer: metrics?.checks });
  const leases: LeaseManager | undefined = shared
    ? new LeaseManager({
        store: store.leases,
        workerId,
        ttlMs: opts.leases?.ttlMs ?? config.scheduler.lease_ttl,
        now,
        units: (): readonly string[] => adminRuntime.units,
        onChange: (change) => adminRuntime.unitsChanged(change),
        onTakeover: (units) => metrics?.checks.leaseTakeovers.inc(units.length),
        onError: (err, consecutive) => logger.error({ component: 'leases', err, consecutive }, 'a lease round failed'),
      })
    : undefined;
  const adminRuntime: LocalAdminRuntime = new LocalAdminRuntime({ store, bus, board, runner, pipeline, writer, pushInbox, notifications, now, checks, owned: leases && (() => leases.units) });
  adminRuntime.onCatalogApplied(() => snapshot.schedule());
  adminRuntime.applyCatalog(catalog);
  const stopListening = adminRuntime.listen();

  if (servesWeb(role)) await snapshot.start();
  const streams = new StreamHub({ perClient: config.server.streams_per_client });
  snapshot.onChange((changed) => streams.publish(changed));
  metrics?.watch({ scheduler: runner.scheduler, outbox: { stats: (at) => store.outbox.stats(at), channelIds: () => notifications.channelIds() }, publicSide: { streams, snapshot }, resultBuffer: checks ? writer : undefined, leases: { roundFailures: () => leases?.health.failuresTotal ?? 0, monitorsTotal: () => adminRuntime.monitorCount } });
  /** Record a push for a monitor this process checks; false when another process checks it. */
  const recordPush = (monitorId: string, push: PushRecord): boolean => {
    const monitor = checks ? board.monitors.get(monitorId) : undefined;
    if (!monitor) return false;
    pushInbox.record(monitorId, push);
    const probe = { startedAt: push.receivedAt, responseTimeMs: push.pingMs ?? 0, connected: push.status === 'up', error: push.status === 'down' ? `service reported down${push.msg ? `: ${push.msg}` : ''}` : undefined };
    pipeline.record(judgeProbe(monitorId, probe, monitor.conditions, monitor.degradedWhen));
    return true;
  };
  // a push that reaches a web replica (or a worker that does not own the monitor) goes to its owner over the bus
  const receivePush = (monitorId: string, push: PushRecord) => {
    if (recordPush(monitorId, push)) return;
    const event = { type: 'monitor.pushed' as const, monitorId, status: push.status, msg: push.msg?.slice(0, 500), pingMs: push.pingMs, at: push.receivedAt };
    bus.publish(event).catch((err: unknown) => logger.warn({ component: 'push', err, monitorId }, 'forwarding a push to the worker that checks it failed'));
  };
  const stopForwardedPushes = checks
    ? bus.subscribe((e) => void (e.type === 'monitor.pushed' && recordPush(e.monitorId, { receivedAt: e.at, status: e.status, msg: e.msg, pingMs: e.pingMs })))
    : () => undefined;
  const https = (config.server.base_url ?? '').startsWith('https:');
  let draining = false;
  const readiness = readinessChecks({ store, canary, bus, draining: () => draining, leases: leases && (() => leases.health.problem(now())) });
  const metricsAccess = config.metrics.token !== undefined ? { token: config.metrics.token } : config.metrics.public ? ('public' as const) : ('unconfigured' as const);
  if (metrics && metricsAccess === 'unconfigured') logger.warn({ component: 'metrics' }, '/metrics refuses every scrape (401): set metrics.token, or metrics.public: true to serve it without one');
  const metricsRoute = metrics && { metrics, access: metricsAccess };
  const limits = httpLimitsOf(config.server);
  const app = !servesWeb(role) ? opsOnlyApp({ logger, readiness, metrics: metricsRoute, limits }) : await buildApp({
    logger,
    trustProxy: config.server.trust_proxy,
    limits: { ...limits, publicPostsPerMinute: config.server.public_posts_per_minute },
    security: { https, widgetFrameAncestors: config.server.widget_frame_ancestors },
    admin: {
      context: { store, bus, runtime: adminRuntime, egress, now, publicUrl },
      secureCookies: https,
      rateLimitPerMinute: config.admin.rate_limit_per_minute,
      routes: adminRoutes({ signIn: { ipThrottle: new LoginThrottle({ now }) }, issuer: config.title, oidcLabel: config.admin.oidc?.button_label }),
      version: PHAROS_VERSION,
      baseUrl: config.server.base_url,
      registerUi: (app) => registerAdminUi(app, { title: config.title }),
      oidc: config.admin.oidc ? { config: config.admin.oidc, baseUrl: config.server.base_url ?? `http://localhost:${opts.port ?? config.server.port}` } : undefined,
    },
    snapshot,
    streams,
    pageAccess: await createPageAccessGate(config, { store, now, port: opts.port }),
    renderers: defaultRenderers,
    readiness,
    push: { monitorForToken: (t) => pushInbox.monitorForToken(t), receive: receivePush, now },
    subscribers: subscribers.deps,
    metrics: metricsRoute,
  });
  const address = await app.listen({ port: opts.port ?? config.server.port, host: config.server.host });
  const port = Number(new URL(address).port);

  const timers: NodeJS.Timeout[] = [];
  /** the hourly clean-up in progress, awaited before the store closes */
  let pruning: Promise<void> | undefined;
  if (checks) {
    await leases?.start();
    runner.start();
    canary?.start();
    notifications.start();
    const prune = () => (pruning = housekeeping(store, config, logger, now()));
    timers.push(setInterval(() => pipeline.refreshAllComponents(), 1000));
    timers.push(setInterval(() => void prune(), 3_600_000));
    // recurring maintenance windows are expanded a few weeks ahead, and other writers (the CLI, other replicas) change the catalog
    timers.push(setInterval(() => void adminRuntime.catalogChanged().catch((err: unknown) => logger.error({ component: 'catalog', err }, 'reloading the catalog failed')), 600_000));
    void prune();
  }
  if (config.admin.setup_link) await offerSetupLink(store, logger, config.server.base_url ?? address, now());
  logger.info({ component: 'pharos', url: address, role, monitors: board.monitors.size, components: board.components.size, storage: store.dialect }, 'Pharos started');

  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    board,
    runner,
    writer,
    pipeline,
    snapshot,
    bus,
    admin: adminRuntime,
    notifications,
    metrics,
    role,
    leases,
    async close() {
      for (const t of timers) clearInterval(t);
      stopListening();
      stopForwardedPushes();
      await leases?.stop();
      canary?.stop();
      await runner.stop();
      await closeKeepAliveAgents();
      await writer.close();
      // the state is written: the others may take the units over at once
      await leases?.leave().catch((err: unknown) => logger.warn({ component: 'leases', err }, 'releasing the leases failed'));
      await notifications.stop();
      await subscribers.close();
      snapshot.stop();
      streams.closeAll();
      await app.close();
      await bus.close();
      await store.close();
    },
    shutdown(shutdownOpts = {}) {
      const logErr = (what: string) => (err: unknown) => logger.warn({ component: 'shutdown', err }, what);
      return runShutdown(
        [
          {
            name: 'draining: /readyz answers 503',
            run: () => {
              draining = true;
              for (const t of timers) clearInterval(t);
              stopListening();
              stopForwardedPushes();
              canary?.stop();
            },
          },
          { name: 'stop claiming outbox rows', run: () => notifications.stop() },
          { name: 'stop scheduling; wait for checks in flight', run: async () => (await leases?.stop(), await runner.finish()), pending: () => runner.runningIds.map((id) => `check ${id}`) },
          { name: 'flush batched writes', run: async () => (await closeKeepAliveAgents(), await writer.close()) },
          // after the flush: whoever takes the units over reads their latest state
          { name: 'release leases', run: () => leases?.leave().catch(logErr('releasing the leases failed')) },
          { name: 'close SSE streams with a retry hint', run: () => streams.closeAll() },
          { name: 'stop subscribers and snapshot', run: async () => (await subscribers.close(), snapshot.stop()) },
          { name: 'close HTTP', run: () => app.close() },
          { name: 'close bus and store', run: async () => (await pruning, await bus.close(), await store.close()) },
        ],
        { graceMs: shutdownOpts.graceMs ?? config.server.shutdown_grace, logger, onDeadline: () => void runner.stop() },
      );
    },
    async crash() {
      for (const t of timers) clearInterval(t);
      stopListening();
      stopForwardedPushes();
      await leases?.stop();
      canary?.stop();
      await runner.stop();
      writer.pending = new PendingBatch();
      await writer.close();
      await notifications.stop();
      await subscribers.close();
      snapshot.stop();
      streams.closeAll();
      await app.close();
      await pruning;
      await bus.close();
      await store.close();
    },
  };
}
