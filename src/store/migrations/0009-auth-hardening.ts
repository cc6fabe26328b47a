import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SchemaDialect } from './schema-dialect.ts';

/**
 * Sign-in limits that every replica shares (src/auth/account-lockout.ts has the policy):
 * - `sign_in_limits`: failures per subject and client. A subject is `password:<SHA-256 of the email>` (counted
 *   whether or not the email has an account, so that the answers cannot tell) or `totp:<user id>`; the client is
 *   an IP address, or '' for the row that counts every client. `last_success_at` remembers the addresses a
 *   person signed in from, which an account-wide lock does not shut out.
 * - `users.totp_last_step`: the last TOTP step accepted, so that a code works once on every replica and after a restart.
 * - `users.credential_version`, bumped by every password change, and the version a session was made under:
 *   a session (or half session) from before a change authenticates nothing.
 */
export function authHardening(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .updatedInPlace(
          d.clusteredByPrimaryKey(
            db.schema
              .createTable('sign_in_limits')
              .addColumn('subject', 'text', (c) => c.notNull())
              .addColumn('client', 'text', (c) => c.notNull())
              .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
              .addColumn('locked_until', 'bigint')
              .addColumn('last_failure_at', 'bigint')
              .addColumn('last_success_at', 'bigint')
              .addPrimaryKeyConstraint('sign_in_limits_pkey', ['subject', 'client']),
          ),
        )
        .execute();
      // one column per statement: SQLite's ALTER TABLE adds one at a time
      await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
      await db.schema
        .alterTable('users')
        .addColumn('credential_version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('sessions')
        .addColumn('credential_version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
