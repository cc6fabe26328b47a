import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { KyselyPlugin } from 'kysely';
import { CheckMetrics, type SchedulerView } from './check-metrics.ts';
import { HttpMetrics } from './http-metrics.ts';
import { registerLeaseMetrics, type LeaseView } from './lease-metrics.ts';
import { OutboxMetrics, type OutboxView } from './outbox-metrics.ts';
import { registerPublicSideMetrics, type PublicSideView } from './public-side-metrics.ts';
import { registerPublishMetrics, type PublishView } from './publish-metrics.ts';
import { registerResultBufferMetrics, type ResultBufferView } from './result-buffer-metrics.ts';
import { storeQueryTimer } from './store-query-timer.ts';

export interface PharosMetricsOptions {
  version: string;
  now?: () => number;
  /** a scrape-time read that failed (e.g. the outbox query) */
  onCollectError?: (err: unknown) => void;
}

/** What is read at scrape time rather than counted as it happens. */
export interface MetricSources {
  scheduler: SchedulerView;
  outbox: OutboxView;
  publicSide: PublicSideView;
  /** absent on a web replica (it writes no results) */
  resultBuffer?: ResultBufferView;
  leases?: LeaseView;
  /** the static copy's publisher (`publish:`), where it runs */
  publish?: PublishView;
}

/**
 * Every Prometheus series of one Pharos, in its own registry (never prom-client's global one, so that several Pharos
 * can run in one process). Created by startPharos and handed to what it observes; sources read at scrape time are
 * attached once they exist (`watch`).
 */
export class PharosMetrics {
  readonly registry = new Registry();
  readonly checks: CheckMetrics;
  readonly http: HttpMetrics;
  readonly outbox: OutboxMetrics;
  /** times every store query (pass to openStore's plugins) */
  readonly storeQueries: KyselyPlugin;
  private publicSide: PublicSideView | undefined;
  private resultBuffer: ResultBufferView | undefined;
  private leases: LeaseView | undefined;
  private publish: PublishView | undefined;

  constructor(opts: PharosMetricsOptions) {
    const now = opts.now ?? Date.now;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'pharos_build_info',
      help: 'Always 1; the running version as a label.',
      labelNames: ['version'],
      registers,
    }).set({ version: opts.version }, 1);
    this.checks = new CheckMetrics(this.registry);
    this.http = new HttpMetrics(this.registry);
    this.outbox = new OutboxMetrics(this.registry, now, opts.onCollectError ?? (() => undefined));
    registerPublicSideMetrics(this.registry, () => this.publicSide, now);
    registerResultBufferMetrics(this.registry, () => this.resultBuffer);
    registerLeaseMetrics(this.registry, () => this.leases);
    registerPublishMetrics(this.registry, () => this.publish);
    const queries = new Histogram({
      name: 'pharos_store_query_duration_seconds',
      help: 'Time of store (database) queries, including the wait for a connection, by operation.',
      labelNames: ['operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.storeQueries = storeQueryTimer((operation, seconds) => queries.observe({ operation }, seconds));
  }

  watch(sources: MetricSources): void {
    this.checks.watch(sources.scheduler);
    this.outbox.watch(sources.outbox);
    this.publicSide = sources.publicSide;
    this.resultBuffer = sources.resultBuffer;
    this.leases = sources.leases;
    this.publish = sources.publish;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
