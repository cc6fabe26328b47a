import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * What public sign-up needs on the subscribers table of 0004: the confirmation link (only its SHA-256 is kept) and
 * when it stops working, the last confirmation sent, and a per-address counter of sign-up attempts in a window.
 */
export function subscribers(_d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // one column per statement: SQLite's ALTER TABLE adds one at a time
      await db.schema.alterTable('subscribers').addColumn('confirm_token_hash', 'text').execute();
      await db.schema.alterTable('subscribers').addColumn('confirm_expires_at', 'bigint').execute();
      await db.schema.alterTable('subscribers').addColumn('last_mail_at', 'bigint').execute();
      await db.schema
        .alterTable('subscribers')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('subscribers').addColumn('attempts_since', 'bigint').execute();
      await db.schema
        .createIndex('subscribers_confirm_token_key')
        .unique()
        .on('subscribers')
        .column('confirm_token_hash')
        .execute();
      // pruning unconfirmed sign-ups whose link expired
      await db.schema
        .createIndex('subscribers_pending_idx')
        .on('subscribers')
        .columns(['confirmed_at', 'confirm_expires_at'])
        .execute();
    },
  };
}
