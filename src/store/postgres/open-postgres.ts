import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { StoreLogger } from '../store-context.ts';

const INT8_OID = 20;

/**
 * A pool on a PostgreSQL URL. bigint (int8) columns are read as numbers: they hold ms timestamps and
 * counters, far below 2^53. The parser is set on this pool only, not on pg's global type table.
 */
export function openPostgres(
  url: string,
  logger: StoreLogger,
  opts: { maxConnections?: number } = {},
): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format),
    },
  });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', (err) => logger.error({ err }, 'idle PostgreSQL connection failed'));
  // pg-pool listens for errors on idle clients only: a checked-out client (between two statements of a transaction)
  // whose server goes away would otherwise throw an uncaught 'error' and end the process; its next query fails instead
  pool.on('connect', (client) =>
    client.on('error', (err) => logger.warn({ err: err.message }, 'PostgreSQL connection lost while in use')),
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
