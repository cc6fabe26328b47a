import { sql, type Kysely } from 'kysely';
import type { Database, StoreDialect } from '../store/schema.ts';
import { chunksFor } from '../store/store-context.ts';
import { openBackupSource } from './backup-source.ts';
import type { BackupSource } from './backup-source-type.ts';
import { BACKUP_TABLES, tableSpec, type TableName } from './backup-tables.ts';
import { migrateToBackupLevel } from './migration-level.ts';
import type { Row } from './read-table-rows.ts';
import { assertStoreEmpty } from './store-emptiness.ts';
import { withDatabase } from './with-database.ts';

export interface RestoreSummary {
  /** rows inserted per table */
  tables: Partial<Record<TableName, number>>;
  /** the schema level the store was left at (the backup's) */
  migrations: string[];
}

/** Dynamic table names: the rows come from a backup, not from typed code. */
type AnyDatabase = Record<string, Row>;

/**
 * Restore a backup into an empty store: migrate it to the backup's schema level, insert every row in one
 * transaction (a damaged file rolls everything back), then move PostgreSQL's identity sequences past the
 * restored keys so new monitors, status changes and audit entries do not collide.
 */
export async function restoreStore(
  db: Kysely<Database>,
  dialect: StoreDialect,
  source: BackupSource,
): Promise<RestoreSummary> {
  await assertStoreEmpty(db);
  await migrateToBackupLevel(db, dialect, source.header.migrations);
  const counts: Partial<Record<TableName, number>> = {};
  await db.transaction().execute(async (trx) => {
    const target = trx as unknown as Kysely<AnyDatabase>;
    for await (const { table, rows } of source.batches()) {
      if (rows.length === 0) continue;
      const width = Math.max(...rows.map((r) => Object.keys(r).length));
      for (const chunk of chunksFor(dialect, rows, width)) await target.insertInto(table).values(chunk).execute();
      counts[table] = (counts[table] ?? 0) + rows.length;
    }
    if (dialect === 'postgres') await resetIdentitySequences(trx);
  });
  return { tables: counts, migrations: [...source.header.migrations] };
}

async function resetIdentitySequences(trx: Kysely<Database>): Promise<void> {
  for (const table of BACKUP_TABLES) {
    const column = tableSpec(table).identity;
    if (!column) continue;
    // is_called=false: the next value handed out is max + 1 (or 1 for an empty table)
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

/** Restore the backup file `file` (either kind) into the empty store at a storage URL. */
export async function restoreBackupFile(url: string, file: string): Promise<RestoreSummary> {
  const source = await openBackupSource(file);
  try {
    return await withDatabase(url, (db, dialect) => restoreStore(db, dialect, source));
  } finally {
    await source.close();
  }
}
