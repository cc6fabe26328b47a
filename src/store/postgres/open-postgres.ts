import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { StoreLogger } from '../store-context.ts';

const INT8_OID = 20;

/**
 * A pool on a PostgreSQL URL. bigint (int8) columns are read as numbers: they hold ms timestamps and
 * counters, far below 2^53. The parser is set on this pool only, not on pg's global type table.
 */
export function openPostgres(url: string, logger: StoreLogger, opts: { maxConnections?: number } = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format)),
    },
  });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', (err) => logger.error({ err }, 'idle PostgreSQL connection failed'));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
