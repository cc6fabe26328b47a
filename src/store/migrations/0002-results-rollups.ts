import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { ROLLUP_GRANULARITIES } from '../schema.ts';
import { oneOf, type SchemaDialect } from './schema-dialect.ts';

/**
 * Raw results (small on purpose: an integer monitor key, flags in one small integer, the error only for
 * failures) and their hourly and daily rollups. Counters are bigint: a daily rollup summed over a year of
 * one-second checks, or many merges, must not overflow.
 */
export function resultsAndRollups(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .clusteredByPrimaryKey(
          db.schema
            .createTable('results')
            .addColumn('monitor_key', 'integer', (c) => c.notNull().references('monitors.key'))
            .addColumn('started_at', 'bigint', (c) => c.notNull())
            .addColumn('latency_ms', 'integer', (c) => c.notNull())
            .addColumn('status_code', 'smallint')
            .addColumn('flags', 'smallint', (c) => c.notNull())
            .addColumn('error', 'text')
            .addPrimaryKeyConstraint('results_pkey', ['monitor_key', 'started_at']),
        )
        .execute();

      // rewritten on every batch: clustered on SQLite, with room for in-page updates on PostgreSQL
      await d
        .updatedInPlace(
          d.clusteredByPrimaryKey(
            db.schema
              .createTable('rollups')
              .addColumn('monitor_key', 'integer', (c) => c.notNull().references('monitors.key'))
              .addColumn('granularity', 'text', (c) => c.notNull())
              .addColumn('bucket_start', 'bigint', (c) => c.notNull())
              .addColumn('checks', 'bigint', (c) => c.notNull())
              .addColumn('failures', 'bigint', (c) => c.notNull())
              .addColumn('degraded', 'bigint', (c) => c.notNull())
              .addColumn('maintenance', 'bigint', (c) => c.notNull())
              .addColumn('latency_count', 'bigint', (c) => c.notNull())
              .addColumn('latency_sum', 'bigint', (c) => c.notNull())
              .addColumn('latency_min', 'integer')
              .addColumn('latency_max', 'integer')
              .addColumn('latency_histogram', d.binary, (c) => c.notNull())
              .addPrimaryKeyConstraint('rollups_pkey', ['monitor_key', 'granularity', 'bucket_start'])
              .addCheckConstraint('rollups_granularity_check', oneOf('granularity', ROLLUP_GRANULARITIES)),
          ),
        )
        .execute();
    },
  };
}
