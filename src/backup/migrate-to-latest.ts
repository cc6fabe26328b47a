import type { Kysely } from 'kysely';
import { createMigrator } from '../store/migrations/index.ts';
import type { Database, StoreDialect } from '../store/schema.ts';

/** Apply every pending migration (what `pharos migrate` does), for an import into a store of this version. */
export async function migrateToLatest(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const { error } = await createMigrator(db, dialect).migrateToLatest();
  if (error) throw error;
}
