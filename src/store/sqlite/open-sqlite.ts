import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.ts';
import type { StoreLogger } from '../store-context.ts';
import { cachingStatements } from './statement-cache.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

/** ms a statement waits for a lock held by another connection before failing with SQLITE_BUSY */
const BUSY_TIMEOUT_MS = 5_000;

/** The store holds password hashes, TOTP secrets and channel secrets: only its owner reads it. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_DB_MODE = 0o600;

/**
 * Open (creating it and its folder) a SQLite file, or `:memory:`. WAL lets readers run beside the writer;
 * synchronous=NORMAL is durable in WAL mode except for the last commits on power loss, which a status
 * monitor can afford. Kysely's driver uses this one connection for everything, one query at a time.
 *
 * Folders it makes are 0700 and a file it makes is 0600: SQLite would create the file 0644 (less the umask),
 * and it gives the -wal and -shm files the mode of the database file, so creating that one first, private, is
 * enough. An existing file keeps its mode; `looseMode` says when others may read it.
 *
 * `checkpointThread` (a long-running process: `pharos start`): the log's checkpoints run on their own thread
 * (WalCheckpointer), not in the COMMIT that fills it; `afterClose` stops that thread.
 */
export function openSqlite(
  location: string,
  opts: { checkpointThread?: { logger: StoreLogger } } = {},
): { db: Kysely<Database>; file: string; looseMode: number | null; afterClose?: () => Promise<void> } {
  const file = location === ':memory:' ? location : resolve(location);
  let looseMode: number | null = null;
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    closeSync(openSync(file, 'a', PRIVATE_DB_MODE));
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) looseMode = mode;
  }
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  if (file === ':memory:' || !opts.checkpointThread) return { db, file, looseMode };
  const checkpointer = new WalCheckpointer({
    file,
    logger: opts.checkpointThread.logger,
    setAutoCheckpoint: (pages) => void (database.open && database.pragma(`wal_autocheckpoint = ${pages}`)),
  });
  checkpointer.start();
  return { db, file, looseMode, afterClose: () => checkpointer.stop() };
}
