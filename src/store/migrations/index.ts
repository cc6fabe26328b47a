import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { StoreDialect } from '../schema.ts';
import { monitorsAndComponents } from './0001-monitors-components.ts';
import { resultsAndRollups } from './0002-results-rollups.ts';
import { statesAndIncidents } from './0003-states-incidents.ts';
import { admin } from './0004-admin.ts';
import { outbox } from './0005-outbox.ts';
import { subscribers } from './0006-subscribers.ts';
import { leases } from './0007-leases.ts';
import { subscriberPages } from './0008-subscriber-pages.ts';
import { authHardening } from './0009-auth-hardening.ts';
import { sharedState } from './0010-shared-state.ts';
import { statusChangesByTime } from './0011-status-changes-by-time.ts';
import { schemaDialect, type SchemaDialect } from './schema-dialect.ts';

/** Every migration, by name (applied in name order). Add a file and a line here; nothing scans the disk. */
const MIGRATIONS: Record<string, (d: SchemaDialect) => Migration> = {
  '0001-monitors-components': monitorsAndComponents,
  '0002-results-rollups': resultsAndRollups,
  '0003-states-incidents': statesAndIncidents,
  '0004-admin': admin,
  '0005-outbox': outbox,
  '0006-subscribers': subscribers,
  '0007-leases': leases,
  '0008-subscriber-pages': subscriberPages,
  '0009-auth-hardening': authHardening,
  '0010-shared-state': sharedState,
  '0011-status-changes-by-time': statusChangesByTime,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const d = schemaDialect(this.dialect);
    return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(d)]));
  }
}

/** Kysely's migrator (a lock table, and an advisory lock on PostgreSQL, keep replicas from migrating twice). */
export function createMigrator<DB>(db: Kysely<DB>, dialect: StoreDialect): Migrator {
  return new Migrator({
    db,
    provider: new StaticMigrationProvider(dialect),
    migrationTableName: 'pharos_migrations',
    migrationLockTableName: 'pharos_migrations_lock',
  });
}
