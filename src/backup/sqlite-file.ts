import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../store/schema.ts';
import { BackupError } from './backup-error.ts';

/** The file of a `sqlite:PATH` storage URL (an in-memory store has none to back up). */
export function sqliteFileOf(url: string): string {
  const location = url.slice('sqlite:'.length);
  if (location === ':memory:')
    throw new BackupError(
      'unsupported',
      'an in-memory SQLite store (sqlite::memory:) has no file to back up or restore',
    );
  return resolve(location);
}

/** A SQLite backup file opened read-only, seen through Kysely like a store. */
export function openSqliteReadOnly(file: string): Kysely<Database> {
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
