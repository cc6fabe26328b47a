import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Several workers share the monitors: each worker heart-beats in `workers`; each lease unit (a component with its
 * monitors, or a lone monitor) is held by one worker until `expires_at` (ms since epoch; 0 = released).
 */
export function leases(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .updatedInPlace(
          d.clusteredByPrimaryKey(
            db.schema
              .createTable('workers')
              .addColumn('id', 'text', (c) => c.primaryKey())
              .addColumn('started_at', 'bigint', (c) => c.notNull())
              .addColumn('heartbeat_at', 'bigint', (c) => c.notNull()),
          ),
        )
        .execute();
      await d
        .updatedInPlace(
          d.clusteredByPrimaryKey(
            db.schema
              .createTable('leases')
              .addColumn('unit', 'text', (c) => c.primaryKey())
              .addColumn('owner', 'text', (c) => c.notNull())
              .addColumn('expires_at', 'bigint', (c) => c.notNull())
              .addColumn('acquired_at', 'bigint', (c) => c.notNull()),
          ),
        )
        .execute();
      await db.schema.createIndex('leases_owner_idx').on('leases').column('owner').execute();
    },
  };
}
