import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.ts';

/** ms a statement waits for a lock held by another connection before failing with SQLITE_BUSY */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Open (creating it and its folder) a SQLite file, or `:memory:`. WAL lets readers run beside the writer;
 * synchronous=NORMAL is durable in WAL mode except for the last commits on power loss, which a status
 * monitor can afford. Kysely's driver uses this one connection for everything, one query at a time.
 */
export function openSqlite(location: string): { db: Kysely<Database>; file: string } {
  const file = location === ':memory:' ? location : resolve(location);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), file };
}
