import { Worker } from 'node:worker_threads';
import { CHECK_KINDS, checkTypes } from '../../checks/registry.ts';
import type { EgressConfig } from '../../config/egress-schema.ts';
import type { Probe } from '../../domain/probe.ts';
import type { LiveMonitor } from '../live-monitor.ts';
import type { Logger } from '../logger.ts';
import type { ProbeRunner } from '../run-check.ts';
import { checkThreadEntry, type CheckThreadEntry } from './check-thread-entry.ts';
import type { CheckThreadData, FromCheckThread, ThreadOp, ToCheckThread } from './check-thread-protocol.ts';

/** The kinds whose checks are network work alone (their type says so); push reads this process's inbox and stays here. */
const THREAD_KINDS: ReadonlySet<string> = new Set(CHECK_KINDS.filter((kind) => checkTypes[kind].runsOnCheckThread));

export interface CheckThreadPoolOptions {
  threads: number;
  egress: EgressConfig;
  /** `subscribers.webhook_allow`, for the same egress policy as the main thread's */
  publicAllow?: readonly string[];
  logger: Logger;
  /** a thread stopped unexpectedly and is being started again (metrics) */
  onRestart?(): void;
  /** a probe not answered this long after its timeout means its thread is stuck: it is restarted (default 15 s) */
  answerGraceMs?: number;
  entry?: CheckThreadEntry;
}

interface Pending {
  resolve(probe: Probe | null): void;
  /** when it was sent, on the main thread's clock */
  sentAt: number;
  clockOffsetMs: number;
  deadline: number;
}

/** One worker thread and what the main thread knows of it. */
interface CheckThread {
  index: number;
  worker: Worker | undefined;
  startedAt: number;
  /** the monitor each id was last defined as, in this worker */
  defined: Map<string, LiveMonitor>;
  pending: Map<number, Pending>;
  ops: ThreadOp[];
  flushQueued: boolean;
  /** why the main thread stopped it (stuck, closing); otherwise the error it died of */
  stopReason: string | undefined;
  /** crashes within a few seconds of a start, in a row: restarts back off */
  quickCrashes: number;
  /** set while a restart waits: probes for this thread fail at once with it */
  downReason: string | undefined;
  restartTimer: NodeJS.Timeout | undefined;
}

const QUICK_CRASH_MS = 5_000;
const YOUNG_GENERATION_MB = 8;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Runs the network part of checks (http, tcp, dns, tls, udp) on worker threads, so that the main thread keeps
 * scheduling, judging, storing and serving. A monitor's config goes to its thread once (again when it changes); a run
 * is then its id. A thread that dies or stops answering is started again, and the probes it held fail with
 * "check worker stopped: …": never a hang.
 */
export class CheckThreadPool implements ProbeRunner {
  private readonly threads: CheckThread[];
  private readonly byMonitor = new Map<string, CheckThread>();
  private readonly entry: CheckThreadEntry;
  private readonly data: CheckThreadData;
  private readonly graceMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private nextRunId = 1;
  private nextThread = 0;
  private abortReason: string | undefined;
  private closed = false;
  private restartCount = 0;

  constructor(private readonly opts: CheckThreadPoolOptions) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1)
      throw new Error(`check threads must be a positive integer, got ${opts.threads}`);
    this.entry = opts.entry ?? checkThreadEntry();
    this.data = { egress: opts.egress, publicAllow: [...(opts.publicAllow ?? [])] };
    this.graceMs = opts.answerGraceMs ?? 15_000;
    this.threads = Array.from({ length: opts.threads }, (_, index) => ({
      index,
      worker: undefined,
      startedAt: 0,
      defined: new Map(),
      pending: new Map(),
      ops: [],
      flushQueued: false,
      stopReason: undefined,
      quickCrashes: 0,
      downReason: undefined,
      restartTimer: undefined,
    }));
    this.sweeper = setInterval(() => this.stopStuckThreads(), Math.min(1000, this.graceMs));
    this.sweeper.unref();
  }

  /** Threads started again after they stopped unexpectedly. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Probes sent to a thread and not answered yet. */
  get inFlight(): number {
    return this.threads.reduce((n, t) => n + t.pending.size, 0);
  }

  runs(kind: string): boolean {
    return !this.closed && THREAD_KINDS.has(kind);
  }

  probe(monitor: LiveMonitor, clockOffsetMs: number): Promise<Probe | null> {
    const monitorId = monitor.config.id;
    let thread = this.byMonitor.get(monitorId);
    if (!thread) {
      thread = this.threads[this.nextThread++ % this.threads.length]!;
      this.byMonitor.set(monitorId, thread);
    }
    const sentAt = Date.now() + clockOffsetMs;
    if (this.closed) return Promise.resolve(stoppedProbe('Pharos is shutting down', sentAt, clockOffsetMs));
    if (thread.downReason !== undefined) return Promise.resolve(stoppedProbe(thread.downReason, sentAt, clockOffsetMs));
    if (!thread.worker) this.start(thread);
    if (thread.defined.get(monitorId) !== monitor) {
      thread.defined.set(monitorId, monitor);
      thread.ops.push({ op: 'define', monitor: { config: monitor.config, managedBy: monitor.managedBy } });
    }
    const runId = this.nextRunId++;
    thread.ops.push({ op: 'run', runId, monitorId, clockOffsetMs });
    this.queueFlush(thread);
    return new Promise((resolve) => {
      const deadline = sentAt - clockOffsetMs + monitor.config.timeout + this.graceMs;
      thread.pending.set(runId, { resolve, sentAt, clockOffsetMs, deadline });
    });
  }

  /** The catalog changed: the threads forget the monitors no longer scheduled here. */
  retain(monitorIds: ReadonlySet<string>): void {
    for (const [id, thread] of this.byMonitor) {
      if (monitorIds.has(id)) continue;
      this.byMonitor.delete(id);
      if (thread.defined.delete(id)) {
        thread.ops.push({ op: 'forget', monitorId: id });
        this.queueFlush(thread);
      }
    }
  }

  /** Shutdown: the checks in flight abort with this reason, as in the main thread, and so does any later one. */
  abortAll(reason: string): void {
    this.abortReason ??= reason;
    for (const thread of this.threads) thread.worker?.postMessage({ type: 'abort', reason } satisfies ToCheckThread);
  }

  /** Stop every thread; what they still held fails. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.all(this.threads.map((thread) => this.stop(thread, 'Pharos is shutting down')));
  }

  /** Tests: make a thread throw an uncaught error (`crash`) or block its event loop for good (`stall`). */
  injectFault(index: number, fault: 'crash' | 'stall'): void {
    this.threads[index]?.worker?.postMessage({ type: 'fault', fault } satisfies ToCheckThread);
  }

  private start(thread: CheckThread): void {
    const worker = new Worker(this.entry.url, {
      workerData: this.data,
      execArgv: this.entry.execArgv,
      name: `pharos-checks-${thread.index}`,
      // its garbage is short-lived (one exchange per check): a small young generation halves the thread's heap
      // (bench/checks/memory.mjs at 30,000 monitors: ~220 MB by default, ~96 MB with 8 MB)
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    // the HTTP server, timers and the scheduler keep Pharos alive; a forgotten pool must not
    worker.unref();
    thread.worker = worker;
    thread.startedAt = Date.now();
    thread.stopReason = undefined;
    worker.on('message', (message: FromCheckThread) => this.received(thread, message));
    worker.on('error', (err) => (thread.stopReason ??= err.message));
    worker.on('exit', (code) => this.exited(thread, worker, code));
    if (this.abortReason !== undefined)
      worker.postMessage({ type: 'abort', reason: this.abortReason } satisfies ToCheckThread);
  }

  private queueFlush(thread: CheckThread): void {
    if (thread.flushQueued) return;
    thread.flushQueued = true;
    // the checks the scheduler starts in one timer callback travel in one message
    queueMicrotask(() => {
      thread.flushQueued = false;
      if (!thread.worker || thread.ops.length === 0) return;
      const message: ToCheckThread = { type: 'batch', ops: thread.ops };
      thread.ops = [];
      thread.worker.postMessage(message);
    });
  }

  private received(thread: CheckThread, message: FromCheckThread): void {
    for (const { runId, probe } of message.probes) {
      const pending = thread.pending.get(runId);
      if (!pending) continue;
      thread.pending.delete(runId);
      pending.resolve(probe);
    }
    if (message.probes.length > 0) thread.quickCrashes = 0;
  }

  private exited(thread: CheckThread, worker: Worker, code: number): void {
    if (thread.worker !== worker) return;
    thread.worker = undefined;
    thread.ops = [];
    thread.defined.clear();
    const reason = thread.stopReason ?? `the thread exited with code ${code}`;
    this.failPending(thread, reason);
    if (this.closed) return;
    this.restartCount += 1;
    this.opts.onRestart?.();
    const quick = Date.now() - thread.startedAt < QUICK_CRASH_MS;
    thread.quickCrashes = quick ? thread.quickCrashes + 1 : 0;
    // at once, unless it keeps dying right after its start: then 1 s, 2 s, 4 s … up to 30 s
    const delayMs = thread.quickCrashes < 2 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (thread.quickCrashes - 2));
    this.opts.logger.error(
      { component: 'check-threads', thread: thread.index, reason, restartInMs: delayMs },
      'a check thread stopped; its checks in flight failed',
    );
    if (delayMs === 0) return this.start(thread);
    thread.downReason = `${reason} (restarting in ${Math.round(delayMs / 1000)} s)`;
    thread.restartTimer = setTimeout(() => {
      thread.restartTimer = undefined;
      thread.downReason = undefined;
      if (!this.closed) this.start(thread);
    }, delayMs);
    thread.restartTimer.unref();
  }

  private failPending(thread: CheckThread, reason: string): void {
    const pending = [...thread.pending.values()];
    thread.pending.clear();
    for (const p of pending) p.resolve(stoppedProbe(reason, p.sentAt, p.clockOffsetMs));
  }

  /** A probe still unanswered past its timeout + grace: its thread is stuck, and is stopped (then started again). */
  private stopStuckThreads(): void {
    const now = Date.now();
    for (const thread of this.threads) {
      if (!thread.worker) continue;
      for (const pending of thread.pending.values()) {
        if (pending.deadline >= now) continue;
        void this.stop(thread, `a check got no answer within its timeout + ${this.graceMs} ms`);
        break;
      }
    }
  }

  private async stop(thread: CheckThread, reason: string): Promise<void> {
    clearTimeout(thread.restartTimer);
    thread.downReason = undefined;
    const worker = thread.worker;
    if (!worker) return this.failPending(thread, reason);
    thread.stopReason = reason;
    await worker.terminate();
  }
}

function stoppedProbe(reason: string, sentAt: number, clockOffsetMs: number): Probe {
  return {
    startedAt: sentAt,
    responseTimeMs: Math.max(0, Date.now() + clockOffsetMs - sentAt),
    connected: false,
    error: `check worker stopped: ${reason}`,
  };
}
