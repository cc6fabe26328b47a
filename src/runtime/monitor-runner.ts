import { setMaxListeners } from 'node:events';
import type { CheckResult } from '../domain/check-result.ts';
import { defaultEgressPolicy, type EgressPolicy } from '../egress/egress-policy.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { LiveMonitor } from './live-monitor.ts';
import type { Logger } from './logger.ts';
import type { PushInbox } from './push-inbox.ts';
import { runCheck } from './run-check.ts';

export interface MonitorRunnerOptions {
  concurrency: number;
  pushInbox: PushInbox;
  logger: Logger;
  now?: () => number;
  /** default: the policy of a config without an `egress` section (metadata refused) */
  egress?: EgressPolicy;
  onResult(result: CheckResult): void;
  /** told how checks run (metrics) */
  observer?: CheckObserver;
}

/** Hooks for metrics: a scheduled check started `lagMs` after its planned time; a recorded check took `durationMs`. */
export interface CheckObserver {
  checkStarted(lagMs: number): void;
  checkFinished(type: string, result: CheckResult, durationMs: number): void;
}

/** Schedules every enabled monitor and hands each judged result on. */
export class MonitorRunner {
  readonly scheduler: Scheduler;
  private readonly shutdown = new AbortController();
  private readonly since = new Map<string, number>();
  /** each scheduled monitor's config as JSON: an unchanged monitor keeps its place in the schedule on a reload */
  private readonly scheduled = new Map<string, string>();
  /** checks running now, by monitor id (a monitor moving to another worker lets its check finish first) */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly egress: EgressPolicy;

  constructor(private readonly opts: MonitorRunnerOptions) {
    this.now = opts.now ?? Date.now;
    // every check in flight listens for shutdown: hundreds at once are expected, not a leak
    setMaxListeners(0, this.shutdown.signal);
    this.egress = opts.egress ?? defaultEgressPolicy();
    this.scheduler = new Scheduler({
      concurrency: opts.concurrency,
      now: this.now,
      onError: (id, err) => opts.logger.error({ component: 'scheduler', monitor: id, err }, 'check run failed unexpectedly'),
    });
  }

  /** `lastCheckAt` (from the stored state) lets a restarted Pharos check each monitor within one interval of its last check. */
  setMonitors(monitors: Iterable<LiveMonitor>, lastCheckAt: (monitorId: string) => number | null = () => null): void {
    const wanted = new Set<string>();
    for (const monitor of monitors) {
      if (!monitor.config.enabled) continue;
      wanted.add(monitor.config.id);
      if (!this.since.has(monitor.config.id)) this.since.set(monitor.config.id, this.now());
      const key = `${monitor.managedBy}:${monitor.componentIds.join(',')}:${JSON.stringify(monitor.config)}`;
      if (this.scheduled.get(monitor.config.id) === key) continue;
      this.scheduled.set(monitor.config.id, key);
      const job = {
        id: monitor.config.id,
        intervalMs: monitor.config.interval,
        run: async (plannedAt: number) => {
          this.opts.observer?.checkStarted(this.now() - plannedAt);
          await this.runOnce(monitor);
        },
      };
      this.scheduler.add(job, { lastRunAt: lastCheckAt(monitor.config.id) });
    }
    for (const id of this.since.keys()) {
      if (!wanted.has(id)) {
        this.scheduler.remove(id);
        this.since.delete(id);
        this.scheduled.delete(id);
      }
    }
  }

  start(): void {
    this.scheduler.start();
  }

  /** Stop scheduling and abort checks in flight. */
  async stop(): Promise<void> {
    this.shutdown.abort(new Error('shutting down'));
    await this.scheduler.stop();
  }

  /** Run a monitor's check now and record it (also what the scheduler calls). */
  async runOnce(monitor: LiveMonitor): Promise<CheckResult | null> {
    const started = performance.now();
    const running = this.check(monitor);
    this.inFlight.set(monitor.config.id, running);
    const result = await running.finally(() => {
      if (this.inFlight.get(monitor.config.id) === running) this.inFlight.delete(monitor.config.id);
    });
    if (result && !this.shutdown.signal.aborted) {
      this.opts.observer?.checkFinished(monitor.config.type, result, performance.now() - started);
      this.opts.onResult(result);
    }
    return result;
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
    });
  }
}
