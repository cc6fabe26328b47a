import { PHAROS_VERSION } from '../runtime/version.ts';
import { sqliteFileOf } from './sqlite-file.ts';
import { backupSqliteFile } from './sqlite-online-backup.ts';
import { withDatabase } from './with-database.ts';
import { writeLogicalBackup, type BackupSummary } from './write-logical-backup.ts';

/**
 * Back up the store at a storage URL to `out` while Pharos may be running: a SQLite store with SQLite's
 * online backup API (a SQLite file), a PostgreSQL one as a logical export (gzip'd JSON lines, one snapshot).
 */
export async function backupStore(url: string, out: string, now: () => number = Date.now): Promise<BackupSummary> {
  if (url.startsWith('sqlite:')) return backupSqliteFile(sqliteFileOf(url), out);
  return withDatabase(url, (db, dialect) =>
    writeLogicalBackup(db, dialect, out, { pharosVersion: PHAROS_VERSION, now }),
  );
}
