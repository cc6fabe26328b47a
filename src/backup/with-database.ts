import type { Kysely } from 'kysely';
import { openDatabase } from '../store/open-database.ts';
import type { Database, StoreDialect } from '../store/schema.ts';
import type { StoreLogger } from '../store/store-context.ts';
import { BackupError } from './backup-error.ts';

const silentLogger: StoreLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The store's database at a storage URL for one backup task (no Store wrapper: backups read tables as they are), closed afterwards. */
export async function withDatabase<T>(
  url: string,
  fn: (db: Kysely<Database>, dialect: StoreDialect) => Promise<T>,
): Promise<T> {
  if (url === 'sqlite::memory:')
    throw new BackupError(
      'unsupported',
      'an in-memory SQLite store (sqlite::memory:) cannot be backed up, restored or exported',
    );
  const { db, dialect } = openDatabase(url, silentLogger);
  try {
    return await fn(db, dialect);
  } finally {
    await db.destroy();
  }
}
