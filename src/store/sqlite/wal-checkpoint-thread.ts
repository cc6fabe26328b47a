/**
 * The WAL checkpoint thread's entry (node:worker_threads): its own connection to the SQLite file copies the
 * write-ahead log back into the database every `intervalMs`, beside the main thread's writes. Built as its own bundle
 * entry (dist/wal-checkpoint-thread.mjs).
 *
 * A PASSIVE checkpoint never waits for, nor blocks, a writer; but the log starts afresh (instead of growing) only when
 * a transaction begins after every frame was copied, so a checkpoint that a commit overtook is run again at once (it
 * copies only the new frames). Should the log still pass `restartFrames` (transactions back to back, each beginning
 * while a checkpoint was copying), one RESTART checkpoint makes the writer wait until the log is copied, so that it
 * cannot grow without bound.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type {
  FromWalCheckpointThread,
  ToWalCheckpointThread,
  WalCheckpointThreadData,
} from './wal-checkpoint-protocol.ts';

/** passes of PASSIVE checkpoints per round, until every frame is copied */
const PASSES = 5;

function mainThreadPort(): MessagePort {
  if (!parentPort) throw new Error('wal-checkpoint-thread.ts runs in a worker thread');
  return parentPort;
}
const port = mainThreadPort();
const { file, intervalMs, restartFrames } = workerData as WalCheckpointThreadData;
const db = new BetterSqlite3(file, { fileMustExist: true });
// a RESTART checkpoint waits this long for the writer's transaction in progress to end
db.pragma('busy_timeout = 2000');
const send = (message: FromWalCheckpointThread) => port.postMessage(message);

type CheckpointRow = { busy: number; log: number; checkpointed: number };
const run = (mode: 'PASSIVE' | 'RESTART') => (db.pragma(`wal_checkpoint(${mode})`) as CheckpointRow[])[0];

function checkpoint(): void {
  const started = performance.now();
  try {
    let row = run('PASSIVE');
    for (let pass = 1; pass < PASSES && row && row.checkpointed < row.log; pass++) row = run('PASSIVE');
    // a log this long was not started afresh for many commits: each began while a checkpoint was still copying
    const restart = row !== undefined && row.log > restartFrames;
    if (restart) row = run('RESTART');
    if (row && row.log > 0)
      send({
        type: 'checkpointed',
        log: row.log,
        checkpointed: row.checkpointed,
        restart,
        ms: performance.now() - started,
      });
  } catch (err) {
    send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
port.on('message', (message: ToWalCheckpointThread) => {
  if (message.type !== 'stop') return;
  clearInterval(timer);
  // the last connection to close checkpoints the whole log and removes it
  db.close();
  port.close();
});
