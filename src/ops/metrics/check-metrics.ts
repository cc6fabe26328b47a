import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CheckResult } from '../../domain/check-result.ts';

export const CHECK_OUTCOMES = ['ok', 'degraded', 'failed'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export function checkOutcome(result: Pick<CheckResult, 'ok' | 'degraded'>): CheckOutcome {
  return !result.ok ? 'failed' : result.degraded ? 'degraded' : 'ok';
}

/** What the scheduler holds at scrape time. */
export interface SchedulerView {
  /** monitors scheduled by this process */
  readonly size: number;
  readonly running: number;
  readonly skipped: number;
}

/**
 * Checks and their scheduling: runs by type and outcome, how long a check took, how late it started
 * (the scheduler's drift), and the monitors this process owns. Lease takeovers stay 0 until workers share monitors.
 */
export class CheckMetrics {
  readonly leaseTakeovers: Counter;
  readonly threadRestarts: Counter;
  private readonly heldBack: Counter;
  private readonly runs: Counter<'type' | 'outcome'>;
  private readonly duration: Histogram<'type'>;
  private readonly lag: Histogram;
  private scheduler: SchedulerView | undefined;

  constructor(register: Registry) {
    const registers = [register];
    this.runs = new Counter({
      name: 'pharos_checks_total',
      help: 'Checks run, by check type and outcome (ok, degraded, failed).',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'pharos_check_duration_seconds',
      help: 'Time a check took, from start to judged result, by check type.',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.lag = new Histogram({
      name: 'pharos_scheduler_lag_seconds',
      help: 'How late scheduled checks started after their planned time (timer and concurrency waits).',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    const view = () => this.scheduler;
    new Gauge({
      name: 'pharos_monitors_owned',
      help: 'Monitors scheduled by this process.',
      registers,
      collect() {
        this.set(view()?.size ?? 0);
      },
    });
    new Gauge({
      name: 'pharos_checks_in_flight',
      help: 'Checks running right now.',
      registers,
      collect() {
        this.set(view()?.running ?? 0);
      },
    });
    new Counter({
      name: 'pharos_scheduler_skipped_total',
      help: 'Check slots skipped because the previous run of that monitor was still going.',
      registers,
      collect() {
        this.reset();
        this.inc(view()?.skipped ?? 0);
      },
    });
    this.threadRestarts = new Counter({
      name: 'pharos_check_worker_restarts_total',
      help: 'Check threads started again after they crashed, exited or stopped answering (their checks in flight failed).',
      registers,
    });
    this.heldBack = new Counter({
      name: 'pharos_checks_held_back_total',
      help: 'Scheduled checks not started because this worker had not renewed its leases in time (another worker may own them now).',
      registers,
    });
    this.leaseTakeovers = new Counter({
      name: 'pharos_lease_takeovers_total',
      help: 'Monitors this process took over from another worker whose lease ended.',
      registers,
    });
  }

  watch(scheduler: SchedulerView): void {
    this.scheduler = scheduler;
  }

  checkStarted(lagMs: number): void {
    this.lag.observe(Math.max(0, lagMs) / 1000);
  }

  checkHeldBack(): void {
    this.heldBack.inc();
  }

  checkFinished(type: string, result: Pick<CheckResult, 'ok' | 'degraded'>, durationMs: number): void {
    this.runs.inc({ type, outcome: checkOutcome(result) });
    this.duration.observe({ type }, durationMs / 1000);
  }
}
