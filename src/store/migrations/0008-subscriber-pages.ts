import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * A subscription belongs to the status page it was made on: `page_slug` names the page ('' = the page served at /,
 * which is what every subscription made before this migration gets), and `page_access` holds the fingerprint of a
 * private page's access settings at sign-up (null: the page was public). A subscriber is told only what its page
 * shows, and nothing once its page has become private or its access settings changed.
 */
export function subscriberPages(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // one column per statement: SQLite's ALTER TABLE adds one at a time
      await db.schema
        .alterTable('subscribers')
        .addColumn('page_slug', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('subscribers').addColumn('page_access', 'text').execute();
    },
  };
}
