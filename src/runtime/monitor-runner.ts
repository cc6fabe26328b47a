import { setMaxListeners } from 'node:events';
import type { CheckResult } from '../domain/check-result.ts';
import { defaultEgressPolicy, type EgressPolicy } from '../egress/egress-policy.ts';
import { HostLimits, targetHostOf } from '../scheduler/host-limits.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { LiveMonitor } from './live-monitor.ts';
import type { Logger } from './logger.ts';
import type { PushInbox } from './push-inbox.ts';
import { runCheck, type ProbeRunner } from './run-check.ts';

export interface MonitorRunnerOptions {
  concurrency: number;
  /** checks in flight per target host (default 10) */
  perHostConcurrency?: number;
  pushInbox: PushInbox;
  logger: Logger;
  now?: () => number;
  /** default: the policy of a config without an `egress` section (metadata refused) */
  egress?: EgressPolicy;
  onResult(result: CheckResult): void;
  /** told how checks run (metrics) */
  observer?: CheckObserver;
  /** worker threads for the network part of checks (scheduler.check_threads); none: this thread */
  checkThreads?: CheckThreads;
  /**
   * Whether scheduled checks may start now (a worker sharing monitors by lease: are its leases fresh enough that no
   * other worker can have taken them over). A slot that finds it false is held back: the next one comes at its interval.
   */
  mayStart?: () => boolean;
}

/** The check threads as the runner uses them (src/runtime/check-threads/check-thread-pool.ts). */
export interface CheckThreads extends ProbeRunner {
  /** the monitors scheduled now: the threads forget the others */
  retain(monitorIds: ReadonlySet<string>): void;
  /** checks in flight there abort with this reason (shutdown) */
  abortAll(reason: string): void;
}

/** Hooks for metrics: a scheduled check started `lagMs` after its planned time; a recorded check took `durationMs`. */
export interface CheckObserver {
  checkStarted(lagMs: number): void;
  checkFinished(type: string, result: CheckResult, durationMs: number): void;
  /** a scheduled check did not start: the worker's leases were not renewed in time */
  checkHeldBack(): void;
}

/** Schedules every enabled monitor and hands each judged result on. */
export class MonitorRunner {
  readonly scheduler: Scheduler;
  private readonly shutdown = new AbortController();
  /** aborted on drain: checks waiting for their host give up, checks running go on */
  private readonly draining = new AbortController();
  private readonly hosts: HostLimits;
  /** scheduled checks waiting for a slot of their host, outside the global concurrency */
  private readonly waitingForHost = new Map<string, Promise<void>>();
  private readonly since = new Map<string, number>();
  /** each scheduled monitor's config as JSON: an unchanged monitor keeps its place in the schedule on a reload */
  private readonly scheduled = new Map<string, string>();
  /** checks running now, by monitor id (a monitor moving to another worker lets its check finish first) */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly egress: EgressPolicy;
  /** push monitors: a timer at each one's deadline (last push, or first scheduled, + interval + grace) */
  private readonly pushDeadlines = new Map<string, { monitor: LiveMonitor; timer: NodeJS.Timeout | undefined }>();
  private started = false;

  constructor(private readonly opts: MonitorRunnerOptions) {
    this.now = opts.now ?? Date.now;
    // every check in flight listens for shutdown: hundreds at once are expected, not a leak
    setMaxListeners(0, this.shutdown.signal);
    setMaxListeners(0, this.draining.signal);
    this.egress = opts.egress ?? defaultEgressPolicy();
    this.hosts = new HostLimits(opts.perHostConcurrency ?? 10);
    this.scheduler = new Scheduler({
      concurrency: opts.concurrency,
      now: this.now,
      onError: (id, err) =>
        opts.logger.error({ component: 'scheduler', monitor: id, err }, 'check run failed unexpectedly'),
    });
  }

  /** `lastCheckAt` (from the stored state) lets a restarted Pharos check each monitor within one interval of its last check. */
  setMonitors(monitors: Iterable<LiveMonitor>, lastCheckAt: (monitorId: string) => number | null = () => null): void {
    const wanted = new Set<string>();
    for (const monitor of monitors) {
      if (!monitor.config.enabled) continue;
      wanted.add(monitor.config.id);
      if (!this.since.has(monitor.config.id)) this.since.set(monitor.config.id, this.now());
      if (monitor.config.type === 'push') this.watchPush(monitor);
      const key = `${monitor.managedBy}:${monitor.componentIds.join(',')}:${JSON.stringify(monitor.config)}`;
      if (this.scheduled.get(monitor.config.id) === key) continue;
      this.scheduled.set(monitor.config.id, key);
      const job = {
        id: monitor.config.id,
        intervalMs: monitor.config.interval,
        run: (plannedAt: number) => this.runScheduled(monitor, plannedAt),
      };
      this.scheduler.add(job, { lastRunAt: lastCheckAt(monitor.config.id) });
    }
    for (const id of this.since.keys()) {
      if (!wanted.has(id)) {
        this.scheduler.remove(id);
        this.unwatchPush(id);
        this.since.delete(id);
        this.scheduled.delete(id);
      }
    }
    this.opts.checkThreads?.retain(wanted);
  }

  start(): void {
    this.started = true;
    this.scheduler.start();
    for (const id of this.pushDeadlines.keys()) this.pushReceived(id);
  }

  /**
   * A push monitor's last push changed (a push arrived, or was read from the store): its deadline moves to that push
   * + interval + grace. At the deadline its check runs, and finds it overdue unless another push came: a push
   * monitor is down as soon as its deadline passes, not at the next scheduled check.
   */
  pushReceived(monitorId: string): void {
    const watched = this.pushDeadlines.get(monitorId);
    if (!watched || !this.started || this.shutdown.signal.aborted || this.draining.signal.aborted) return;
    clearTimeout(watched.timer);
    const { config } = watched.monitor;
    if (config.type !== 'push') return;
    const since = this.opts.pushInbox.lastPush(monitorId)?.receivedAt ?? this.since.get(monitorId) ?? this.now();
    const deadline = since + config.interval + config.grace;
    const delay = deadline - this.now();
    if (delay < 0) return; // already overdue: the scheduled checks report it
    // setTimeout holds at most ~24.8 days; a longer wait re-arms when it fires
    watched.timer = setTimeout(
      () => {
        watched.timer = undefined;
        if (this.pushDeadlines.get(monitorId) !== watched) return;
        if (this.now() <= deadline) return this.pushReceived(monitorId);
        void this.runOnce(watched.monitor).catch((err: unknown) =>
          this.opts.logger.error({ component: 'scheduler', monitor: monitorId, err }, 'check run failed unexpectedly'),
        );
      },
      Math.min(delay + 1, 2 ** 31 - 1),
    );
    watched.timer.unref?.();
  }

  private watchPush(monitor: LiveMonitor): void {
    const had = this.pushDeadlines.get(monitor.config.id);
    if (had) clearTimeout(had.timer);
    this.pushDeadlines.set(monitor.config.id, { monitor, timer: undefined });
    this.pushReceived(monitor.config.id);
  }

  private unwatchPush(monitorId: string): void {
    clearTimeout(this.pushDeadlines.get(monitorId)?.timer);
    this.pushDeadlines.delete(monitorId);
  }

  private stopPushDeadlines(): void {
    for (const id of [...this.pushDeadlines.keys()]) this.unwatchPush(id);
  }

  /** Stop scheduling and abort checks in flight. */
  async stop(): Promise<void> {
    this.shutdown.abort(new Error('shutting down'));
    this.opts.checkThreads?.abortAll('shutting down');
    this.draining.abort(new Error('shutting down'));
    this.stopPushDeadlines();
    await Promise.all([this.scheduler.stop(), ...this.waitingForHost.values()]);
  }

  /**
   * Stop scheduling, drop checks still waiting for their host and wait for the ones running (their results are
   * recorded). `stop()` aborts what is left.
   */
  async finish(): Promise<void> {
    this.draining.abort(new Error('draining'));
    this.stopPushDeadlines();
    await Promise.all([this.scheduler.stop(), ...this.waitingForHost.values()]);
  }

  /** Ids of the monitors whose checks are running now. */
  get runningIds(): string[] {
    return [...this.inFlight.keys()];
  }

  /**
   * A scheduled run: with a free slot of its host it runs inside the global concurrency; otherwise it hands the
   * global slot back at once and waits for its host (at most its own timeout) so other hosts keep being checked.
   */
  private async runScheduled(monitor: LiveMonitor, plannedAt: number): Promise<void> {
    if (this.opts.mayStart && !this.opts.mayStart()) return this.opts.observer?.checkHeldBack();
    const id = monitor.config.id;
    const host = targetHostOf(monitor.config);
    const slot = host === undefined ? undefined : this.hosts.tryAcquire(host);
    if (host === undefined || slot) {
      this.opts.observer?.checkStarted(this.now() - plannedAt);
      await this.runOnce(monitor).finally(() => slot?.release());
      return;
    }
    if (this.waitingForHost.has(id)) return; // its previous run is still in line: skip this slot
    const waited = this.hosts
      .acquire(host, { timeoutMs: monitor.config.timeout, signal: this.draining.signal })
      .then(async (late) => {
        if (!late) return; // no slot in time: this slot is skipped, the next one comes at its interval
        this.opts.observer?.checkStarted(this.now() - plannedAt);
        await this.runOnce(monitor).finally(() => late.release());
      });
    const tracked = waited
      .catch((err: unknown) =>
        this.opts.logger.error({ component: 'scheduler', monitor: id, err }, 'check run failed unexpectedly'),
      )
      .finally(() => this.waitingForHost.delete(id));
    this.waitingForHost.set(id, tracked);
  }

  /** Run a monitor's check now and record it (also what the scheduler calls). */
  async runOnce(monitor: LiveMonitor): Promise<CheckResult | null> {
    const started = performance.now();
    // in flight until recorded, not just until checked: whoever waits in `settled` (a unit moving to another
    // worker) must find the result in the batch, else the monitor is gone from the board and the result dropped
    const running = this.check(monitor).then((result) => {
      if (result && !this.shutdown.signal.aborted) {
        this.opts.observer?.checkFinished(monitor.config.type, result, performance.now() - started);
        this.opts.onResult(result);
      }
      return result;
    });
    this.inFlight.set(monitor.config.id, running);
    return running.finally(() => {
      if (this.inFlight.get(monitor.config.id) === running) this.inFlight.delete(monitor.config.id);
    });
  }

  /** Resolves when the checks of these monitors that are running now have finished (and been recorded). */
  async settled(monitorIds: Iterable<string>): Promise<void> {
    await Promise.allSettled([...monitorIds].map((id) => this.inFlight.get(id)));
  }

  /** Run a monitor's check and return the judged result without recording it (the editor's "test now"). */
  check(monitor: LiveMonitor): Promise<CheckResult | null> {
    return runCheck(monitor, {
      now: this.now,
      pushInbox: this.opts.pushInbox,
      shutdown: this.shutdown.signal,
      monitorSince: (id) => this.since.get(id) ?? this.now(),
      egress: this.egress,
      probes: this.opts.checkThreads,
    });
  }
}
