import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Status changes by time, for the public history: it reads the last minutes of every monitor's changes on each
 * refresh and the 90 days day by day once an hour (StatusChangeWindow). Without this index each of those reads
 * scanned the whole table (status changes are kept forever) and sorted it.
 */
export function statusChangesByTime(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('status_changes_at_idx').on('status_changes').columns(['at', 'id']).execute();
    },
  };
}
