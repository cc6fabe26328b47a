import type { Kysely } from 'kysely';
import { createMigrator } from '../store/migrations/index.ts';
import type { Database, StoreDialect } from '../store/schema.ts';
import { BackupError } from './backup-error.ts';

/** The names of the migrations applied to a store, in order. */
export async function appliedMigrations(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  return (await createMigrator(db, dialect).getMigrations())
    .filter((m) => m.executedAt !== undefined)
    .map((m) => m.name);
}

/**
 * Bring an empty store to the schema a backup was taken at, so that its rows fit column for column.
 * Refused when the backup knows a migration this Pharos does not (a newer schema: upgrade first), or when
 * the target was already migrated past the backup's level (restore into a fresh database instead).
 */
export async function migrateToBackupLevel(
  db: Kysely<Database>,
  dialect: StoreDialect,
  level: readonly string[],
): Promise<void> {
  const migrator = createMigrator(db, dialect);
  const known = await migrator.getMigrations();
  const knownNames = known.map((m) => m.name);
  const unknown = level.filter((name) => !knownNames.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      'newer_schema',
      `the backup is from a newer schema (migration ${unknown.join(', ')} is unknown to this Pharos): upgrade Pharos, then restore`,
    );
  }
  if (level.some((name, i) => knownNames[i] !== name))
    throw new BackupError('bad_file', `the backup lists its migrations out of order: ${level.join(', ')}`);
  const ahead = known.filter((m) => m.executedAt !== undefined && !level.includes(m.name)).map((m) => m.name);
  if (ahead.length > 0) {
    throw new BackupError(
      'newer_schema',
      `the target store was migrated past the backup's schema (${ahead.join(', ')}): restore into a fresh, unmigrated database`,
    );
  }
  const { error } = await migrator.migrateTo(level[level.length - 1]!);
  if (error) throw error;
}
