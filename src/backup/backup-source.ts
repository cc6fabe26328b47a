import { BackupError } from './backup-error.ts';
import { backupFileKind } from './backup-file.ts';
import type { BackupSource } from './backup-source-type.ts';
import { BACKUP_TABLES } from './backup-tables.ts';
import { openJsonlBackup } from './jsonl-backup-source.ts';
import { appliedMigrations } from './migration-level.ts';
import { readTableRows } from './read-table-rows.ts';
import { openSqliteReadOnly } from './sqlite-file.ts';

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
    if (migrations.length === 0)
      throw new BackupError('bad_file', `${file} is a SQLite file but not a Pharos store (no migrations applied)`);
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
