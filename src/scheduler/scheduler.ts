import { DriftHistogram } from './drift-histogram.ts';
import { MinHeap } from './min-heap.ts';
import { nextSlot, phaseOf } from './phase.ts';

export interface ScheduledJob {
  id: string;
  intervalMs: number;
  /** Runs one check. Must not throw; a rejection is counted and ignored. */
  run(plannedAt: number): Promise<void>;
}

export interface SchedulerOptions {
  concurrency: number;
  now?: () => number;
  onError?: (jobId: string, err: unknown) => void;
}

interface Entry {
  job: ScheduledJob;
  phase: number;
  running: boolean;
  removed: boolean;
}

/**
 * Runs every job once per interval at a stable phase. One timer for all jobs (a min-heap of due times),
 * a global concurrency limit with a FIFO of ready jobs, and no job overlapping itself: a job still running
 * when its next slot comes skips that slot.
 */
export class Scheduler {
  readonly drift = new DriftHistogram();
  started = 0;
  skipped = 0;
  private readonly heap = new MinHeap<Entry>();
  private readonly entries = new Map<string, Entry>();
  private readonly ready: { entry: Entry; plannedAt: number }[] = [];
  private readyHead = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private stopped = true;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get running(): number {
    return this.inFlight;
  }

  /**
   * Schedule a job at its phase. `lastRunAt` (e.g. the last check before a restart) lets it run earlier than its
   * phase slot so that it is never left unchecked for more than one interval; overdue jobs are spread over up to 10 s.
   */
  add(job: ScheduledJob, opts: { lastRunAt?: number | null } = {}): void {
    this.remove(job.id);
    const entry: Entry = { job, phase: phaseOf(job.id, job.intervalMs), running: false, removed: false };
    this.entries.set(job.id, entry);
    const now = this.now();
    let first = nextSlot(now, job.intervalMs, entry.phase);
    if (opts.lastRunAt) {
      const due = opts.lastRunAt + job.intervalMs;
      const catchUp = due >= now ? due : now + (entry.phase % Math.min(job.intervalMs, 10_000));
      first = Math.min(first, catchUp);
    }
    this.heap.push(first, entry);
    this.arm();
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.removed = true; // lazily dropped when it reaches the top of the heap
    this.entries.delete(id);
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /** Stop taking new runs and wait for the ones in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.ready.length = 0;
    this.readyHead = 0;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private arm(): void {
    if (this.stopped) return;
    const due = this.heap.peekKey();
    if (due === undefined || due >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = due;
    this.timer = setTimeout(() => this.tick(), Math.max(0, due - this.now()));
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    for (let due = this.heap.peekKey(); due !== undefined && due <= now; due = this.heap.peekKey()) {
      const { key: plannedAt, value: entry } = this.heap.pop()!;
      if (entry.removed) continue;
      const interval = entry.job.intervalMs;
      this.heap.push(nextSlot(Math.max(plannedAt, now) + 1, interval, entry.phase), entry);
      if (entry.running) {
        this.skipped += 1;
        continue;
      }
      entry.running = true;
      this.ready.push({ entry, plannedAt });
    }
    this.drain();
    this.arm();
  }

  private drain(): void {
    while (this.inFlight < this.opts.concurrency && this.readyHead < this.ready.length) {
      const { entry, plannedAt } = this.ready[this.readyHead++]!;
      this.launch(entry, plannedAt);
    }
    if (this.readyHead === this.ready.length) {
      this.ready.length = 0;
      this.readyHead = 0;
    }
  }

  private launch(entry: Entry, plannedAt: number): void {
    this.inFlight += 1;
    this.started += 1;
    this.drift.record(this.now() - plannedAt);
    entry.job
      .run(plannedAt)
      .catch((err: unknown) => this.opts.onError?.(entry.job.id, err))
      .finally(() => {
        entry.running = false;
        this.inFlight -= 1;
        if (!this.stopped) this.drain();
        if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
      });
  }
}
