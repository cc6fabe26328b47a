import { foldBatchEvents } from '../bus/batch-committed.ts';
import type { Bus } from '../bus/bus.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';
import { PendingBatch, type StagedBatch } from './pending-batch.ts';

export interface BatchWriterOptions {
  store: Store;
  bus: Bus;
  logger: Logger;
  /** flush at least this often (ms) */
  intervalMs: number;
  /** flush early when this many results wait */
  maxResults: number;
  /** results kept in memory while the store is failing; beyond it the oldest are dropped and counted */
  maxBuffered?: number;
  /**
   * Called before each commit to drop what this process may no longer write (lease-fence.ts); returns the results
   * dropped. Its failure fails the commit (retried like any other).
   */
  fence?: (batch: PendingBatch) => Promise<number>;
}

/** What changes the batch: the pipeline, the notification router and the catalog coordinator stage through it. */
export interface BatchStage {
  stage(change: (batch: PendingBatch) => void): void;
}

/**
 * Collects everything the pipeline changes and commits it in one transaction per flush, then publishes one
 * batch.committed event listing what was committed. A failed commit is retried with backoff; nothing is dropped silently.
 * The batch is the writer's alone: others change it through `stage`, which also schedules the flush.
 */
export class BatchWriter implements BatchStage {
  private pending = new PendingBatch();
  droppedResults = 0;
  /** results discarded by the fence: checked while another worker held their monitor */
  fencedResults = 0;
  committedResults = 0;
  failedFlushes = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryDelayMs = 0;
  private closed = false;
  private flushQueued = false;
  private committing = 0;

  constructor(private readonly opts: BatchWriterOptions) {}

  /** results waiting to be committed, including a batch being committed now */
  get bufferedResults(): number {
    return this.pending.results.length + this.committing;
  }

  /** What waits for the next commit (read only: changes go through `stage`). */
  get staged(): StagedBatch {
    return this.pending;
  }

  /**
   * Change the pending batch; the flush is scheduled once the caller's turn ends, so what one result causes (its state,
   * component statuses, incidents, notifications: staged one after the other) is committed together.
   */
  stage(change: (batch: PendingBatch) => void): void {
    change(this.pending);
    if (this.closed || this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.scheduleFlush();
    });
  }

  /** Flush now when the batch is full (and the store is not failing), else start the interval timer. */
  private scheduleFlush(): void {
    if (this.closed || this.pending.isEmpty) return;
    if (this.pending.results.length >= this.opts.maxResults && this.retryDelayMs === 0) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.retryDelayMs || this.opts.intervalMs);
  }

  /** Commit what is pending now; resolves when it is committed or has failed and been kept for retry. */
  async flush(): Promise<void> {
    // One commit at a time, in order: a newer state must never be overwritten by an older batch.
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.isEmpty) return;
    const batch = this.pending;
    this.pending = new PendingBatch();
    this.committing = batch.results.length;
    this.flushing = this.commit(batch);
    await this.flushing;
    this.flushing = undefined;
    this.committing = 0;
  }

  /** A crash: what is buffered is lost, as a killed process writes nothing more. */
  discardBuffered(): void {
    this.pending = new PendingBatch();
  }

  /** Flush until empty (bounded tries), then stop the timer. */
  async close(): Promise<void> {
    for (let i = 0; i < 5 && !this.pending.isEmpty; i++) await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async commit(batch: PendingBatch): Promise<void> {
    const { store, bus, logger } = this.opts;
    try {
      if (this.opts.fence) this.fencedResults += await this.opts.fence(batch);
      await store.commitBatch(batch.toResultBatch());
      this.committedResults += batch.results.length;
      if (this.retryDelayMs > 0)
        logger.info(
          { component: 'batch-writer', results: batch.results.length },
          'store is writable again; buffered results flushed',
        );
      this.retryDelayMs = 0;
      // one bus message per commit (one NOTIFY on PostgreSQL), not one per change: a batch may hold thousands
      for (const event of foldBatchEvents(batch.events, batch.results.length, Date.now())) await bus.publish(event);
    } catch (err) {
      this.failedFlushes += 1;
      this.retryDelayMs = Math.min(Math.max(this.retryDelayMs * 2, 200), 10_000);
      logger.error(
        { component: 'batch-writer', err, results: batch.results.length, retryInMs: this.retryDelayMs },
        'writing results failed; will retry',
      );
      this.committing = 0;
      this.pending.absorbOlder(batch);
      this.enforceBound();
      if (!this.closed && !this.timer) this.timer = setTimeout(() => void this.flush(), this.retryDelayMs);
    }
  }

  private enforceBound(): void {
    const max = this.opts.maxBuffered ?? 1_000_000;
    const excess = this.pending.results.length - max;
    if (excess <= 0) return;
    this.pending.results.splice(0, excess);
    this.droppedResults += excess;
    this.opts.logger.warn(
      { component: 'batch-writer', dropped: excess, droppedTotal: this.droppedResults },
      'result buffer full: oldest results dropped',
    );
  }
}
