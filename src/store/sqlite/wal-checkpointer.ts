import { Worker } from 'node:worker_threads';
import { threadEntry, type ThreadEntry } from '../../runtime/thread-entry.ts';
import type { StoreLogger } from '../store-context.ts';
import type {
  FromWalCheckpointThread,
  ToWalCheckpointThread,
  WalCheckpointThreadData,
} from './wal-checkpoint-protocol.ts';

/** SQLite's own default: the connection that commits checkpoints once the log holds this many pages. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** failed checkpoints in a row after which the main connection checkpoints again itself */
const FAILURES_TO_FALL_BACK = 3;

export interface WalCheckpointerOptions {
  /** the SQLite file (absolute) */
  file: string;
  /** the main connection's automatic checkpoints: every `pages` pages of log, 0 for none */
  setAutoCheckpoint(pages: number): void;
  logger: StoreLogger;
  /** a checkpoint this often (default 500 ms) */
  intervalMs?: number;
  /** frames in the log past which a checkpoint makes the writer wait for it (default 10,000: ~40 MB) */
  restartFrames?: number;
  entry?: ThreadEntry;
}

/**
 * Checkpoints of a SQLite store's write-ahead log on their own thread. By default the connection whose COMMIT fills
 * the log past 1,000 pages copies it into the database and syncs it, there and then: with hundreds of results a second
 * that was a pause of tens of ms on the event loop every few seconds. Here the main connection never checkpoints; a
 * thread with its own connection does, every `intervalMs`, beside the writes (PASSIVE). If the thread fails or ends,
 * the main connection checkpoints again as before, and the error is logged: the log never grows unchecked.
 */
export class WalCheckpointer {
  #worker: Worker | undefined;
  #exited: Promise<unknown> = Promise.resolve();
  #stopping = false;
  #fellBack = false;
  #failures = 0;
  #checkpoints = 0;
  #largestLog = 0;

  constructor(private readonly opts: WalCheckpointerOptions) {}

  /** checkpoints that copied something (a round of the thread counts once) */
  get checkpoints(): number {
    return this.#checkpoints;
  }

  /** the most frames the log held at a checkpoint */
  get largestLog(): number {
    return this.#largestLog;
  }

  /** false once the main connection checkpoints itself again */
  get running(): boolean {
    return this.#worker !== undefined && !this.#fellBack;
  }

  start(): void {
    const entry =
      this.opts.entry ??
      threadEntry(new URL('./wal-checkpoint-thread.ts', import.meta.url), 'wal-checkpoint-thread.mjs');
    const workerData: WalCheckpointThreadData = {
      file: this.opts.file,
      intervalMs: this.opts.intervalMs ?? 500,
      restartFrames: this.opts.restartFrames ?? 10_000,
    };
    const worker = new Worker(entry.url, { workerData, execArgv: entry.execArgv });
    this.#worker = worker;
    this.#exited = new Promise((resolve) => worker.once('exit', resolve));
    this.opts.setAutoCheckpoint(0);
    worker.on('message', (message: FromWalCheckpointThread) => {
      if (message.type === 'checkpointed') {
        this.#failures = 0;
        this.#checkpoints += 1;
        this.#largestLog = Math.max(this.#largestLog, message.log);
        return;
      }
      this.#failures += 1;
      this.opts.logger.warn({ component: 'store', error: message.error }, 'a WAL checkpoint failed');
      if (this.#failures >= FAILURES_TO_FALL_BACK) this.fallBack(new Error(message.error));
    });
    worker.on('error', (err) => this.fallBack(err));
    worker.on('exit', (code) => {
      if (!this.#stopping) this.fallBack(new Error(`the thread ended (exit code ${code})`));
    });
    // the thread never keeps the process alive (after the listeners: adding a 'message' one refs the port again)
    worker.unref();
  }

  /** Stop the thread (its connection closes; the last connection to close checkpoints the whole log). */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker || this.#stopping) return;
    this.#stopping = true;
    // the process waits for the thread's last checkpoint
    worker.ref();
    worker.postMessage({ type: 'stop' } satisfies ToWalCheckpointThread);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, 5_000, 'late')));
    if ((await Promise.race([this.#exited, late])) === 'late') await worker.terminate();
    clearTimeout(timer);
  }

  private fallBack(err: unknown): void {
    if (this.#fellBack) return;
    this.#fellBack = true;
    this.opts.logger.error(
      { component: 'store', err },
      'the WAL checkpoint thread stopped working: the store checkpoints on the main thread again',
    );
    try {
      this.opts.setAutoCheckpoint(SQLITE_AUTOCHECKPOINT_PAGES);
    } catch {
      // the main connection is closed already: nothing left to checkpoint from it
    }
    if (!this.#stopping) void this.stop();
  }
}
