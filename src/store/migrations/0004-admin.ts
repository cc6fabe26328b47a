import { sql, type Expression, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { ROLES } from '../../domain/access.ts';
import { COMPONENT_STATUSES } from '../../domain/statuses.ts';
import { ACTOR_TYPES, SUBSCRIBER_KINDS } from '../admin-store.ts';
import { everyTokenScopesValue } from '../admin/token-scopes.ts';
import { MANAGED_BY, OBJECT_CATALOG_KINDS } from '../schema.ts';
import { oneOf, type SchemaDialect } from './schema-dialect.ts';

/**
 * The admin side: people, their sessions and API tokens, one-time setup links, the audit log, the catalog
 * objects other than monitors and components, components' manual statuses, subscribers; and what people
 * add to incidents (a postmortem, taking an automatic one over).
 * Booleans are 0/1 integers. Deleting a user deletes its sessions and tokens in code: the foreign keys
 * only guard against orphans (SQLite may run with them off).
 */
export function admin(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await peopleAndTokens(db);
      await d
        .addSurrogateKey(db.schema.createTable('audit_log'), 'id', { wide: true })
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('before_value', 'text')
        .addColumn('after_value', 'text')
        .addColumn('ip', 'text')
        .addCheckConstraint('audit_log_actor_type_check', oneOf('actor_type', ACTOR_TYPES))
        .execute();
      // listAudit pages by id (newest first) under each filter
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
      await db.schema
        .createIndex('audit_log_target_idx')
        .on('audit_log')
        .columns(['target_type', 'target_id', 'id'])
        .execute();
      await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'id']).execute();

      await d
        .clusteredByPrimaryKey(
          db.schema
            .createTable('catalog_objects')
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('id', 'text', (c) => c.notNull())
            .addColumn('config', 'text', (c) => c.notNull())
            .addColumn('managed_by', 'text', (c) => c.notNull())
            .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('archived_at', 'bigint')
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint('catalog_objects_pkey', ['kind', 'id'])
            .addCheckConstraint('catalog_objects_kind_check', oneOf('kind', OBJECT_CATALOG_KINDS))
            .addCheckConstraint('catalog_objects_managed_by_check', oneOf('managed_by', MANAGED_BY)),
        )
        .execute();

      await db.schema
        .createTable('component_overrides')
        .addColumn('component_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('set_at', 'bigint', (c) => c.notNull())
        .addColumn('set_by', 'text')
        .addCheckConstraint('component_overrides_status_check', oneOf('status', COMPONENT_STATUSES))
        .execute();

      await db.schema
        .createTable('subscribers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('component_ids', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('subscribers_kind_target_key', ['kind', 'target'])
        .addCheckConstraint('subscribers_kind_check', oneOf('kind', SUBSCRIBER_KINDS))
        .execute();

      // one column per statement: SQLite's ALTER TABLE adds one at a time
      await db.schema.alterTable('incidents').addColumn('postmortem_body', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('postmortem_published_at', 'bigint').execute();
      await db.schema.alterTable('incidents').addColumn('taken_over_by', 'text').execute();
    },
  };
}

async function peopleAndTokens(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recovery_code_hashes', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('password_changed_at', 'bigint')
    .addColumn('last_login_at', 'bigint')
    .addCheckConstraint('users_role_check', oneOf('role', ROLES))
    .addCheckConstraint('users_totp_enabled_check', isFlag('totp_enabled'))
    .execute();
  // NULLs are distinct in a unique index: users without OIDC do not collide
  await db.schema.createIndex('users_oidc_idx').on('users').columns(['oidc_issuer', 'oidc_subject']).unique().execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('mfa_pending', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addCheckConstraint('sessions_mfa_pending_check', isFlag('mfa_pending'))
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_at_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addCheckConstraint('api_tokens_scopes_check', oneOf('scopes', everyTokenScopesValue()))
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
}

/** a 0/1 integer standing for a boolean */
function isFlag(column: string): Expression<unknown> {
  return sql`${sql.ref(column)} in (0, 1)`;
}
