import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, StoreDialect } from './schema.ts';

/** The part of a pino logger the store uses. */
export type StoreLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** What every store function is given: the database (or the open transaction), its dialect, a logger. */
export interface StoreContext {
  db: Kysely<Database>;
  dialect: StoreDialect;
  logger: StoreLogger;
}

/** Bound parameters per statement, under SQLite's default limit (32766) and PostgreSQL's (65535). */
const MAX_PARAMETERS: Record<StoreDialect, number> = { sqlite: 32_000, postgres: 65_000 };
/** Rows per statement whatever the width: beyond this a bigger statement saves nothing. */
const MAX_ROWS = 2_000;

/** Split rows so that one multi-row statement stays under the dialect's bound parameter limit. */
export function chunksFor<T>(dialect: StoreDialect, rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS[dialect] / parametersPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
