import type { StoreDialect } from '../store/schema.ts';
import { BackupError } from './backup-error.ts';
import { backupFileKind } from './backup-file.ts';
import type { RowBatch } from './backup-format.ts';
import { BACKUP_TABLES } from './backup-tables.ts';
import { openJsonlBackup } from './jsonl-backup-source.ts';
import { appliedMigrations } from './migration-level.ts';
import { readTableRows } from './read-table-rows.ts';
import { openSqliteReadOnly } from './sqlite-file.ts';

/** A backup being restored: the schema level it was taken at, then its rows, table by table in dependency order. */
export interface BackupSource {
  header: { migrations: string[]; dialect: StoreDialect; createdAt?: string; pharosVersion?: string };
  /** throws (and so rolls the restore back) when the file turns out damaged or cut short */
  batches(): AsyncGenerator<RowBatch>;
  close(): Promise<void>;
}

/** Open a backup file of either kind `pharos backup` writes: a SQLite file or gzip'd JSON lines. */
export async function openBackupSource(file: string): Promise<BackupSource> {
  const kind = await backupFileKind(file);
  if (kind === 'jsonl-gzip') return openJsonlBackup(file);
  if (kind === 'sqlite') return openSqliteBackup(file);
  throw new BackupError('bad_file', `${file} is neither a SQLite backup nor a gzip'd JSON-lines backup`);
}

async function openSqliteBackup(file: string): Promise<BackupSource> {
  const db = openSqliteReadOnly(file);
  try {
    const migrations = await appliedMigrations(db, 'sqlite');
    if (migrations.length === 0) throw new BackupError('bad_file', `${file} is a SQLite file but not a Pharos store (no migrations applied)`);
    const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
    async function* batches() {
      for (const table of BACKUP_TABLES) {
        if (!existing.has(table)) continue;
        for await (const rows of readTableRows(db, table)) yield { table, rows };
      }
    }
    return { header: { migrations, dialect: 'sqlite' }, batches, close: () => db.destroy() };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
