import { chmod } from 'node:fs/promises';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../store/schema.ts';
import { PRIVATE_FILE_MODE, writeAtomically } from './backup-file.ts';
import { BACKUP_TABLES, type TableName } from './backup-tables.ts';
import { countRows } from './read-table-rows.ts';
import type { BackupSummary } from './write-logical-backup.ts';

/** ms to wait for Pharos's writer when the backup step needs a lock */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Copy a live SQLite store with SQLite's online backup API (better-sqlite3's `backup()`): a consistent copy
 * of the whole file, taken page by page while Pharos keeps writing (a write restarts the copy of what changed).
 * The copy is switched to a rollback journal so that it is one self-contained file (no -wal, no -shm).
 */
export async function backupSqliteFile(source: string, out: string): Promise<BackupSummary> {
  let tables: Partial<Record<TableName, number>> = {};
  const bytes = await writeAtomically(out, async (tmp) => {
    const database = new BetterSqlite3(source, { fileMustExist: true });
    try {
      database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      await database.backup(tmp);
    } finally {
      database.close();
    }
    const copy = new BetterSqlite3(tmp, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) });
    try {
      tables = await countRows(db, BACKUP_TABLES);
    } finally {
      await db.destroy();
    }
    await chmod(tmp, PRIVATE_FILE_MODE);
  });
  return { file: out, kind: 'sqlite', bytes, tables };
}
