import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database, StoreDialect } from '../store/schema.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, encodeRows, type BackupHeader } from './backup-format.ts';
import { PRIVATE_FILE_MODE, writeAtomically } from './backup-file.ts';
import { BACKUP_TABLES, type TableName } from './backup-tables.ts';
import { appliedMigrations } from './migration-level.ts';
import { readTableRows } from './read-table-rows.ts';

export interface BackupSummary {
  file: string;
  kind: 'sqlite' | 'jsonl-gzip';
  bytes: number;
  /** rows per table */
  tables: Partial<Record<TableName, number>>;
}

/**
 * A logical backup of every table to one gzip'd JSON-lines file (backup-format.ts). On PostgreSQL it is read
 * in one REPEATABLE READ, read-only transaction: one snapshot, consistent while Pharos keeps writing.
 */
export async function writeLogicalBackup(
  db: Kysely<Database>,
  dialect: StoreDialect,
  out: string,
  deps: { pharosVersion: string; now: () => number },
): Promise<BackupSummary> {
  const migrations = await appliedMigrations(db, dialect);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    pharos_version: deps.pharosVersion,
    dialect,
    created_at: new Date(deps.now()).toISOString(),
    migrations,
  };
  const counts: Partial<Record<TableName, number>> = {};
  async function* lines(trx: Kysely<Database>): AsyncGenerator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const table of BACKUP_TABLES) {
      counts[table] = 0;
      for await (const rows of readTableRows(trx, table)) {
        counts[table] += rows.length;
        yield `${JSON.stringify({ table, rows: encodeRows(table, rows) })}\n`;
      }
    }
    yield `${JSON.stringify({ end: true, counts })}\n`;
  }
  const snapshot =
    dialect === 'postgres'
      ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : db.transaction();
  const bytes = await writeAtomically(out, (tmp) =>
    snapshot.execute((trx) =>
      pipeline(Readable.from(lines(trx)), createGzip(), createWriteStream(tmp, { mode: PRIVATE_FILE_MODE })),
    ),
  );
  return { file: out, kind: 'jsonl-gzip', bytes, tables: counts };
}
