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

/**
 * Bound parameters per statement, under SQLite's default limit (32766) and PostgreSQL's (65535), with room left for the
 * few fixed parameters of the statement around the rows (an owner, a time, a kind).
 */
const MAX_PARAMETERS: Record<StoreDialect, number> = { sqlite: 32_000, postgres: 65_000 };
/** Rows per statement whatever the width: beyond this a bigger statement saves nothing. */
const MAX_ROWS = 2_000;

/**
 * Split rows so that one multi-row statement (or one `IN` list) stays under the dialect's bound parameter limit: no
 * statement grows with the number of monitors. Every bulk write and `IN` list of the store goes through here, or
 * through isOneOf (id-list.ts) when the list cannot be split; test/store/contract-bulk.test.ts runs each with 100,000 ids.
 */
export function chunksFor<T>(dialect: StoreDialect, rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS[dialect] / parametersPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
