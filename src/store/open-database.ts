import type { Kysely } from 'kysely';
import { openPostgres } from './postgres/open-postgres.ts';
import type { Database, StoreDialect } from './schema.ts';
import { openSqlite } from './sqlite/open-sqlite.ts';
import type { StoreLogger } from './store-context.ts';

export class UnsupportedStorageUrlError extends Error {
  readonly code = 'unsupported_storage_url';
  constructor() {
    super('storage url must be sqlite:PATH, sqlite::memory: or postgres://…');
    this.name = 'UnsupportedStorageUrlError';
  }
}

/**
 * A Kysely instance for a storage URL: `sqlite:PATH`, `sqlite::memory:`, `postgres://…` or `postgresql://…`.
 * `longRunning` (`pharos start`): SQLite's log checkpoints on a thread of their own; `afterClose` ends it.
 */
export function openDatabase(
  url: string,
  logger: StoreLogger,
  opts: { longRunning?: boolean } = {},
): { db: Kysely<Database>; dialect: StoreDialect; afterClose?: () => Promise<void> } {
  if (url.startsWith('sqlite:')) {
    const { db, file, looseMode, afterClose } = openSqlite(url.slice('sqlite:'.length), {
      checkpointThread: opts.longRunning ? { logger } : undefined,
    });
    logger.info({ dialect: 'sqlite', file }, 'store opened');
    if (looseMode !== null) {
      logger.warn(
        { dialect: 'sqlite', file, mode: looseMode.toString(8) },
        'other users of this machine may read the SQLite store (it holds password hashes and secrets): chmod 600 it and its -wal and -shm files',
      );
    }
    return { db, dialect: 'sqlite', afterClose };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const db = openPostgres(url, logger);
    // the URL may hold a password: log the dialect only
    logger.info({ dialect: 'postgres' }, 'store opened');
    return { db, dialect: 'postgres' };
  }
  throw new UnsupportedStorageUrlError();
}
