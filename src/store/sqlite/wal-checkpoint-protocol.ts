/** What the main thread tells the WAL checkpoint thread when it starts it. */
export interface WalCheckpointThreadData {
  /** the SQLite file (absolute) */
  file: string;
  /** a checkpoint this often */
  intervalMs: number;
  /** frames in the log past which a checkpoint makes the writer wait (RESTART) rather than fall behind */
  restartFrames: number;
}

/**
 * The thread's word after each round that found something in the log (`log`: frames in it, `checkpointed`: of them,
 * copied into the database; `restart`: the writer was made to wait), or after a failed one.
 */
export type FromWalCheckpointThread =
  | { type: 'checkpointed'; log: number; checkpointed: number; restart: boolean; ms: number }
  | { type: 'failed'; error: string };

/** The main thread's word: close the connection and end. */
export type ToWalCheckpointThread = { type: 'stop' };
