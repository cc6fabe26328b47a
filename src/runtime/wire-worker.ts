import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Bus } from '../bus/bus.ts';
import type { PushRecord } from '../checks/check-type.ts';
import type { PharosConfig } from '../config/schema.ts';
import type { CheckResult } from '../domain/check-result.ts';
import { judgeProbe } from '../domain/judge-probe.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import type { PublicSnapshot } from '../http/public/public-snapshot.ts';
import { snapshotSubscriberPages } from '../http/public/subscribe/snapshot-subscriber-pages.ts';
import { createSubscriberRuntime, type SubscriberRuntime } from '../notify/subscribers/subscriber-runtime.ts';
import type { PharosMetrics } from '../ops/metrics/pharos-metrics.ts';
import { LeaseManager } from '../scheduler/leases/lease-manager.ts';
import { AppliedLeaseUnits } from '../scheduler/leases/lease-units.ts';
import type { Store } from '../store/store.ts';
import { BatchWriter } from './batch-writer.ts';
import type { Catalog } from './catalog.ts';
import { ConnectivityCanary } from './connectivity-canary.ts';
import { housekeeping } from './housekeeping.ts';
import { leaseFence } from './lease-fence.ts';
import { CatalogCoordinator } from './catalog-coordinator.ts';
import { checkThreadCount } from './check-threads/check-thread-count.ts';
import { CheckThreadPool } from './check-threads/check-thread-pool.ts';
import { LocalAdminRuntime } from './local-admin-runtime.ts';
import type { Logger } from './logger.ts';
import { MonitorRunner } from './monitor-runner.ts';
import { NotificationsRuntime, type NotificationsDeps } from './notifications-runtime.ts';
import type { PublicBaseUrl } from './public-base-url.ts';
import { PushInbox } from './push-inbox.ts';
import { ResultPipeline } from './result-pipeline.ts';
import { RunNowRelay } from './run-now-relay.ts';
import type { StatusBoard } from './status-board.ts';

export interface WorkerDeps {
  config: PharosConfig;
  store: Store;
  bus: Bus;
  board: StatusBoard;
  catalog: Catalog;
  snapshot: PublicSnapshot;
  egress: EgressPolicy;
  baseUrl: PublicBaseUrl;
  logger: Logger;
  metrics?: PharosMetrics;
  now(): number;
  /** this process runs checks (roles `all` and `worker`) */
  checks: boolean;
  leases?: { ttlMs?: number; workerId?: string };
  outbox?: NotificationsDeps['worker'];
  onResult?: (result: CheckResult) => void;
}

/** The worker side, wired: what the web side, the metrics and the teardown use. */
export interface WorkerSide {
  writer: BatchWriter;
  canary?: ConnectivityCanary;
  subscribers: SubscriberRuntime;
  notifications: NotificationsRuntime;
  pipeline: ResultPipeline;
  pushInbox: PushInbox;
  runner: MonitorRunner;
  /** the threads that run the network part of checks (scheduler.check_threads), when this process checks */
  checkThreads?: CheckThreadPool;
  /** this worker's share of the monitors (PostgreSQL with checks; on SQLite the process that checks owns all) */
  leases?: LeaseManager;
  /** the catalog and lease units applied to this worker's board */
  coordinator: CatalogCoordinator;
  /** the admin port the admin services call */
  admin: LocalAdminRuntime;
  /** a push from the public side: kept in the store, recorded when this process checks the monitor, else forwarded to its owner */
  receivePush(monitorId: string, push: PushRecord): Promise<void>;
  /** after listen: lease rounds, checks, connectivity canary, outbox, housekeeping timers (nothing when it does not check) */
  start(): Promise<void>;
  /** nothing new starts: timers cleared, bus subscriptions and canary stopped */
  quiesce(): void;
  /** the hourly clean-up in progress, if any */
  pruning(): Promise<void> | undefined;
}

const HOUR = 3_600_000;

/**
 * Store to engine to outbox: the batch writer, notifications, the result pipeline, the scheduler, the lease rounds
 * and the catalog coordinator, made in dependency order. A `web` replica gets the same parts (the admin API runs
 * checks on demand and queues notifications) but starts none of them.
 */
export function wireWorker(deps: WorkerDeps): WorkerSide {
  const { config, store, bus, board, logger, metrics, now, egress, checks } = deps;
  // SQLite has one writer process: the one that checks owns every monitor, without lease rounds or a fence to keep
  const shared = checks && store.dialect === 'postgres';
  const workerId = deps.leases?.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const units = new AppliedLeaseUnits();
  const fence = shared ? leaseFence({ leases: store.leases, workerId, units: () => units.current, logger }) : undefined;
  const writer = new BatchWriter({
    store,
    bus,
    logger,
    intervalMs: config.storage.batch_interval,
    maxResults: config.storage.batch_size,
    maxBuffered: config.storage.buffer_limit,
    fence,
  });
  const canary = config.connectivity ? new ConnectivityCanary(config.connectivity, logger, now) : undefined;
  // the web side passes its own onChange (a subscriber confirmed reloads the catalog) to the subscribe routes
  const subscribers = createSubscriberRuntime({
    store,
    config: config.subscribers,
    egress,
    logger,
    now,
    baseUrl: () => deps.baseUrl.href,
    pages: snapshotSubscriberPages(deps.snapshot),
  });
  const notifications = new NotificationsRuntime({
    store,
    bus,
    board,
    writer,
    egress,
    logger,
    now,
    links: deps.baseUrl.eventLinks(),
    claimant: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    worker: {
      maxAgeMs: config.delivery.max_age,
      backoffBaseMs: config.delivery.backoff_base,
      backoffMaxMs: config.delivery.backoff_max,
      leaseMs: config.delivery.lease,
      pollMs: config.delivery.poll_interval,
      timeoutMs: config.delivery.timeout,
      ...deps.outbox,
    },
    subscriberSender: (id) => subscribers.sender(id),
    onDelivery: metrics && ((target, outcome, rows) => metrics.outbox.delivered(target, outcome, rows)),
  });
  const pipeline = new ResultPipeline({
    board,
    writer,
    now,
    isOffline: () => canary?.status.offline ?? false,
    notify: notifications.router,
  });
  const pushInbox = new PushInbox();
  const onResult = (r: CheckResult) => {
    pipeline.record(r);
    deps.onResult?.(r);
  };
  const threads = checks ? checkThreadCount(config.scheduler.check_threads) : 0;
  const checkThreads =
    threads > 0
      ? new CheckThreadPool({
          threads,
          egress: egress.config,
          publicAllow: config.subscribers.webhook_allow,
          logger,
          onRestart: () => metrics?.checks.threadRestarts.inc(),
        })
      : undefined;
  const runner = new MonitorRunner({
    concurrency: config.scheduler.concurrency,
    perHostConcurrency: config.scheduler.per_host_concurrency,
    pushInbox,
    logger,
    now,
    egress,
    onResult,
    observer: metrics?.checks,
    checkThreads,
    // a worker sharing by lease starts no check on leases another worker may have taken over meanwhile
    mayStart: (): boolean => leases?.mayCheck(now()) ?? true,
  });
  const coordinator = new CatalogCoordinator({
    store,
    bus,
    board,
    runner,
    pipeline,
    writer,
    pushInbox,
    notifications,
    now,
    checks,
    units,
  });
  // "run check now" runs on the worker that owns the monitor: asked over the bus when that is another process
  // (the relay asks `admin` only when a request arrives, after both exist)
  const relay: RunNowRelay = new RunNowRelay({ bus, logger, now, runOwned: (id) => admin.runOwned(id) });
  const admin = new LocalAdminRuntime({ bus, board, runner, notifications, catalog: coordinator, now, checks, relay });
  const stopRelay = relay.listen();
  const leases = shared
    ? new LeaseManager({
        store: store.leases,
        workerId,
        ttlMs: deps.leases?.ttlMs ?? config.scheduler.lease_ttl,
        now,
        units: () => coordinator.units,
        onChange: (change) => coordinator.unitsChanged(change),
        onTakeover: (taken) => metrics?.checks.leaseTakeovers.inc(taken.length),
        onError: (err, consecutive) => logger.error({ component: 'leases', err, consecutive }, 'a lease round failed'),
      })
    : undefined;
  if (leases) coordinator.shareByLease(() => leases.units);
  // reminders wait for the store's word on which were already queued (start(): coordinator.loadShared)
  if (checks) notifications.router.holdReminders();
  coordinator.applyCatalog(deps.catalog);
  const stopListening = coordinator.listen();

  /** Record a push for a monitor this process checks; false when another process checks it. */
  const recordPush = (monitorId: string, push: PushRecord): boolean => {
    const monitor = checks ? board.monitors.get(monitorId) : undefined;
    if (!monitor) return false;
    pushInbox.record(monitorId, push);
    runner.pushReceived(monitorId);
    const probe = {
      startedAt: push.receivedAt,
      responseTimeMs: push.pingMs ?? 0,
      connected: push.status === 'up',
      error: push.status === 'down' ? `service reported down${push.msg ? `: ${push.msg}` : ''}` : undefined,
    };
    pipeline.record(judgeProbe(monitorId, probe, monitor.conditions, monitor.degradedWhen));
    return true;
  };
  // every push is kept in the store (a worker taking the monitor over judges it from there); a push that reaches a
  // web replica (or a worker that does not own the monitor) goes to its owner over the bus
  const receivePush = async (monitorId: string, push: PushRecord) => {
    await store.shared
      .recordPush(monitorId, push)
      .catch((err: unknown) =>
        logger.warn({ component: 'push', err, monitorId }, 'keeping a push in the store failed'),
      );
    if (recordPush(monitorId, push)) return;
    const event = {
      type: 'monitor.pushed' as const,
      monitorId,
      status: push.status,
      msg: push.msg?.slice(0, 500),
      pingMs: push.pingMs,
      at: push.receivedAt,
    };
    bus
      .publish(event)
      .catch((err: unknown) =>
        logger.warn({ component: 'push', err, monitorId }, 'forwarding a push to the worker that checks it failed'),
      );
  };
  const stopForwardedPushes = checks
    ? bus.subscribe(
        (e) =>
          void (
            e.type === 'monitor.pushed' &&
            recordPush(e.monitorId, { receivedAt: e.at, status: e.status, msg: e.msg, pingMs: e.pingMs })
          ),
      )
    : () => undefined;

  const timers: NodeJS.Timeout[] = [];
  let pruning: Promise<void> | undefined;
  const reloadCatalog = () =>
    void admin
      .catalogChanged()
      .catch((err: unknown) => logger.error({ component: 'catalog', err }, 'reloading the catalog failed'));
  return {
    writer,
    canary,
    subscribers,
    notifications,
    pipeline,
    pushInbox,
    runner,
    checkThreads,
    leases,
    coordinator,
    admin,
    receivePush,
    async start() {
      if (!checks) return;
      await leases?.start();
      await coordinator.loadShared().catch((err: unknown) => {
        // reminders go on regardless (the outbox's event ids still keep one reminder from being queued twice)
        notifications.router.rememberMarks(new Map());
        logger.error({ component: 'catalog', err }, 'reading the last pushes and notices from the store failed');
      });
      runner.start();
      canary?.start();
      notifications.start();
      const prune = () => (pruning = housekeeping(store, config, logger, now()));
      timers.push(setInterval(() => pipeline.refreshAllComponents(), 1000));
      timers.push(setInterval(() => void prune(), HOUR));
      // recurring maintenance windows are expanded a few weeks ahead, and other writers (the CLI, other replicas) change the catalog
      timers.push(setInterval(reloadCatalog, 600_000));
      void prune();
    },
    quiesce() {
      for (const t of timers) clearInterval(t);
      stopListening();
      stopForwardedPushes();
      stopRelay();
      canary?.stop();
    },
    pruning: () => pruning,
  };
}
