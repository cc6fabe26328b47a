import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { OUTBOX_STATES, OUTBOX_TARGET_KINDS } from '../outbox-store.ts';
import { oneOf, type SchemaDialect } from './schema-dialect.ts';

/**
 * The notification outbox (one row per event and channel or subscriber, updated on every claim, so kept
 * with room for in-place updates) and the installation's named settings (secrets made once, on first use).
 */
export function outbox(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .updatedInPlace(db.schema.createTable('outbox'))
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('sent_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_body', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('outbox_event_target_key', ['event_id', 'target_kind', 'target_id'])
        .addCheckConstraint('outbox_state_check', oneOf('state', OUTBOX_STATES))
        .addCheckConstraint('outbox_target_kind_check', oneOf('target_kind', OUTBOX_TARGET_KINDS))
        .execute();
      // claimDue: only pending rows, oldest due first (both dialects have partial indexes)
      await db.schema
        .createIndex('outbox_due_idx')
        .on('outbox')
        .columns(['next_attempt_at', 'created_at'])
        .where(sql<boolean>`${sql.ref('state')} = ${sql.lit('pending')}`)
        .execute();
      // list, newest first: by state, by target, or all; stats read the pending and dead rows by state
      await db.schema.createIndex('outbox_state_idx').on('outbox').columns(['state', 'created_at', 'id']).execute();
      await db.schema
        .createIndex('outbox_target_idx')
        .on('outbox')
        .columns(['target_id', 'created_at', 'id'])
        .execute();
      await db.schema.createIndex('outbox_created_at_idx').on('outbox').columns(['created_at', 'id']).execute();
      // prune: settled rows by the time they settled
      await db.schema.createIndex('outbox_settled_idx').on('outbox').columns(['state', 'updated_at']).execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
