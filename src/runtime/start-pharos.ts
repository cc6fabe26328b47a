import type { FastifyInstance } from 'fastify';
import type { Bus } from '../bus/bus.ts';
import { createBus } from '../bus/create-bus.ts';
import { closeKeepAliveAgents } from '../checks/http/keep-alive-agents.ts';
import { groupsNamedBy } from '../config/group-schema.ts';
import type { PharosConfig } from '../config/schema.ts';
import type { CheckResult } from '../domain/check-result.ts';
import { createEgressPolicy } from '../egress/egress-policy.ts';
import { defaultRenderers } from '../http/public/default-renderers.ts';
import { PublicSnapshot } from '../http/public/public-snapshot.ts';
import { PharosMetrics } from '../ops/metrics/pharos-metrics.ts';
import type { StaticPublisher } from '../publish/static-publisher.ts';
import type { LeaseManager } from '../scheduler/leases/lease-manager.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { BatchWriter } from './batch-writer.ts';
import { loadCatalog } from './catalog.ts';
import { loadBoard } from './load-board.ts';
import type { CatalogCoordinator } from './catalog-coordinator.ts';
import type { LocalAdminRuntime } from './local-admin-runtime.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { NotificationsDeps, NotificationsRuntime } from './notifications-runtime.ts';
import { PublicBaseUrl } from './public-base-url.ts';
import type { ResultPipeline } from './result-pipeline.ts';
import { runsChecks, servesWeb, type Role } from './roles.ts';
import { offerSetupLink } from './setup-link.ts';
import { runShutdown, type ShutdownOutcome } from './shutdown.ts';
import type { StatusBoard } from './status-board.ts';
import { stepsFor, teardownSteps, type StopMode } from './teardown-steps.ts';
import { PHAROS_VERSION } from './version.ts';
import { wireWeb } from './wire-web.ts';
import { wireWorker } from './wire-worker.ts';

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
  /** the static copy's publisher, when `publish:` is set and this replica serves pages */
  publisher?: StaticPublisher;
  bus: Bus;
  admin: LocalAdminRuntime;
  /** the catalog and lease units applied to this worker's board */
  coordinator: CatalogCoordinator;
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

/**
 * The composition root, in the order things depend on each other: the store and what is read from it, the parts
 * both sides share (bus, board, egress policy, public snapshot, base URL), the worker side, the web side; then
 * listen, start the worker, and derive the three ways of stopping from one list of teardown steps.
 */
export async function startPharos(opts: StartOptions): Promise<RunningPharos> {
  const { config } = opts;
  const role = opts.role ?? 'all';
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? createLogger(config.logging.level);
  const metrics = config.metrics.enabled
    ? new PharosMetrics({
        version: PHAROS_VERSION,
        now,
        onCollectError: (err) => logger.warn({ component: 'metrics', err }, 'reading a metric failed'),
      })
    : undefined;
  const store = await openStore(config.storage.url, {
    logger: logger.child({ component: 'store' }),
    plugins: metrics ? [metrics.storeQueries] : [],
    longRunning: true,
  });
  // a database that fails while Pharos prepares leaves no pool behind (`pharos start` retries while it is unreachable)
  const { catalog, board, bus } = await prepareStore(store, config, logger, now).catch(async (err: unknown) => {
    await store.close().catch(() => undefined);
    throw err;
  });
  const egress = createEgressPolicy(config.egress, { publicAllow: config.subscribers.webhook_allow });
  const snapshot = new PublicSnapshot({ store, config, bus, logger, renderers: defaultRenderers, now });
  const port = opts.port ?? config.server.port;
  const baseUrl = new PublicBaseUrl(config.server.base_url, port);

  const worker = wireWorker({
    config,
    store,
    bus,
    board,
    catalog,
    snapshot,
    egress,
    baseUrl,
    logger,
    metrics,
    now,
    checks: runsChecks(role),
    leases: opts.leases,
    outbox: opts.outbox,
    onResult: opts.onResult,
  });
  // the catalog as this process loaded it, and (when it checks every monitor, without lease rounds) the board's
  // states: a rebuild reads neither from the store again
  snapshot.useSources({
    catalog: () => worker.coordinator.currentCatalog,
    monitorStates: runsChecks(role) && !worker.leases ? () => board.states : undefined,
  });
  worker.coordinator.onCatalogApplied(() => snapshot.schedule());
  // the pages are built where they are served, and where the outbox runs with subscribers: each notice is cut to
  // what its subscriber's page shows, so a worker needs the pages too
  if (servesWeb(role) || (runsChecks(role) && config.subscribers.enabled)) await snapshot.start();
  // the static copy is kept by the replicas that build the pages to serve them
  // loaded only when configured: the AWS SDK it brings costs every other start time
  const publishing =
    config.publish && servesWeb(role)
      ? (await import('../publish/start-publishing.ts')).startPublishing(config.publish, snapshot, { logger, now })
      : undefined;
  const publisher = publishing?.publisher;
  const web = await wireWeb({
    config,
    role,
    store,
    bus,
    snapshot,
    egress,
    baseUrl,
    logger,
    metrics,
    now,
    worker,
    publisher,
  });
  const { runner, writer, notifications, leases, admin, coordinator } = worker;
  metrics?.watch({
    scheduler: runner.scheduler,
    outbox: { stats: (at) => store.outbox.stats(at), channelIds: () => notifications.channelIds() },
    publicSide: { streams: web.streams, snapshot },
    resultBuffer: runsChecks(role) ? writer : undefined,
    leases: { roundFailures: () => leases?.health.failuresTotal ?? 0, monitorsTotal: () => coordinator.monitorCount },
    publish: publisher,
  });

  const steps = teardownSteps({
    quiesce: () => (web.drain(), worker.quiesce()),
    notifications,
    leases,
    runner,
    checkThreads: worker.checkThreads,
    closeKeepAliveAgents,
    writer,
    dropBuffered: () => writer.discardBuffered(),
    streams: web.streams,
    subscribers: worker.subscribers,
    snapshot: { stop: () => (publishing?.stop(), snapshot.stop()) },
    app: web.app,
    pruning: worker.pruning,
    bus,
    store,
    onLeaveFailed: (err) => logger.warn({ component: 'leases', err }, 'releasing the leases failed'),
  });
  /** close and crash run every step to its end, and fail (after the last step) when one did */
  const stopFully = async (mode: StopMode) => {
    const outcome = await runShutdown(stepsFor(steps, mode), { logger });
    if (outcome.failed.length > 0) throw new Error(`${mode}: ${outcome.failed.join('; ')} failed`);
  };
  // a port in use or a worker that cannot start leaves nothing running behind (store, threads, timers, pages)
  const started = await (async () => {
    const address = await web.app.listen({ port, host: config.server.host });
    const listening = Number(new URL(address).port);
    baseUrl.listening(listening);
    await worker.start();
    return { address, listening };
  })().catch(async (err: unknown) => {
    await runShutdown(stepsFor(steps, 'close'), { logger }).catch(() => undefined);
    throw err;
  });
  const { address, listening } = started;
  if (config.admin.setup_link) await offerSetupLink(store, logger, baseUrl.href, now());
  logger.info(
    {
      component: 'pharos',
      url: address,
      role,
      monitors: board.monitors.size,
      components: board.components.size,
      storage: store.dialect,
    },
    'Pharos started',
  );

  return {
    url: `http://127.0.0.1:${listening}`,
    app: web.app,
    store,
    board,
    runner,
    writer,
    pipeline: worker.pipeline,
    snapshot,
    publisher,
    bus,
    admin,
    coordinator,
    notifications,
    metrics,
    role,
    leases,
    close: () => stopFully('close'),
    shutdown: (shutdownOpts = {}) =>
      runShutdown(stepsFor(steps, 'shutdown'), {
        graceMs: shutdownOpts.graceMs ?? config.server.shutdown_grace,
        logger,
        onDeadline: () => void runner.stop(),
      }),
    crash: () => stopFully('crash'),
  };
}

/** Migrate, apply the config file to the store, and read back what the runtime starts from. */
async function prepareStore(store: Store, config: PharosConfig, logger: Logger, now: () => number) {
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
  if (synced.archivedMonitors.length + synced.archivedComponents.length > 0)
    logger.info({ component: 'config', ...synced }, 'archived objects no longer in the config');
  const catalog = await loadCatalog(store);
  const board = await loadBoard(store, catalog, now());
  return { catalog, board, bus: await createBus(config, store, logger) };
}
