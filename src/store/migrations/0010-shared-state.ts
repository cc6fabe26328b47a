import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * State that used to live in one process's memory, kept where every replica sees it (src/store/shared/):
 * - `throttle_hits`: one row per counted attempt of a sliding-window limit (sign-ins per address, private pages'
 *   passwords per address, subscriber sign-ups per address), so that attempts spread over replicas add up.
 * - `push_receipts`: the last push each push monitor received, so that a worker taking the monitor over judges it
 *   from that push.
 * - `notice_marks`: what a worker already queued per monitor (the Nth reminder of an outage, a certificate warning),
 *   so that a restart or a lease move neither repeats nor restarts them.
 */
export function sharedState(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .addSurrogateKey(db.schema.createTable('throttle_hits'), 'id', { wide: true })
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('throttle_hits_key_idx')
        .on('throttle_hits')
        .columns(['scope', 'key', 'at'])
        .execute();
      await db.schema.createIndex('throttle_hits_at_idx').on('throttle_hits').column('at').execute();
      await d
        .updatedInPlace(
          d.clusteredByPrimaryKey(
            db.schema
              .createTable('push_receipts')
              .addColumn('monitor_id', 'text', (c) => c.primaryKey())
              .addColumn('received_at', 'bigint', (c) => c.notNull())
              .addColumn('status', 'text', (c) => c.notNull())
              .addColumn('msg', 'text')
              .addColumn('ping_ms', 'double precision'),
          ),
        )
        .execute();
      await d
        .updatedInPlace(
          d.clusteredByPrimaryKey(
            db.schema
              .createTable('notice_marks')
              .addColumn('monitor_id', 'text', (c) => c.notNull())
              .addColumn('notice', 'text', (c) => c.notNull())
              .addColumn('value', 'bigint', (c) => c.notNull())
              .addColumn('expires_at', 'bigint', (c) => c.notNull())
              .addPrimaryKeyConstraint('notice_marks_pkey', ['monitor_id', 'notice']),
          ),
        )
        .execute();
      await db.schema.createIndex('notice_marks_expires_idx').on('notice_marks').column('expires_at').execute();
    },
  };
}
