import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MANAGED_BY } from '../schema.ts';
import { oneOf, type SchemaDialect } from './schema-dialect.ts';

/** Monitors and components as synced from the config (or written by the admin API); never deleted, archived. */
export function monitorsAndComponents(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .addSurrogateKey(db.schema.createTable('monitors'), 'key')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('managed_by', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('archived_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('monitors_managed_by_check', oneOf('managed_by', MANAGED_BY))
        .execute();

      await db.schema
        .createTable('components')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('managed_by', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('archived_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('components_managed_by_check', oneOf('managed_by', MANAGED_BY))
        .execute();
    },
  };
}
