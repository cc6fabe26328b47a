import { z } from 'zod';
import { BackupError } from './backup-error.ts';
import { isTableName, tableSpec, type TableName } from './backup-tables.ts';
import type { Row } from './read-table-rows.ts';

/**
 * The logical backup: gzip'd JSON lines. The first line is the header, then one line per page of a
 * table's rows (tables in dependency order), then a footer with each table's row count so a truncated
 * file is refused instead of half restored.
 */
export const BACKUP_FORMAT = 'pharos-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  pharos_version: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  created_at: z.string(),
  /** migration names applied in the backed-up store, in order */
  migrations: z.array(z.string()).min(1),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupRowsLineSchema = z.object({ table: z.string(), rows: z.array(z.record(z.string(), z.unknown())) });
export const backupFooterSchema = z.object({
  end: z.literal(true),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});

/** A page of rows as the database gives them, and as a restore inserts them. */
export interface RowBatch {
  table: TableName;
  rows: Row[];
}

/** Binary columns as base64; everything else is already JSON (int8 is read as a number). */
export function encodeRows(table: TableName, rows: Row[]): Row[] {
  const binary = tableSpec(table).binary ?? [];
  if (binary.length === 0) return rows;
  return rows.map((row) => {
    const out = { ...row };
    for (const c of binary) if (out[c] instanceof Uint8Array) out[c] = Buffer.from(out[c]).toString('base64');
    return out;
  });
}

export function decodeRowsLine(line: unknown): RowBatch {
  const parsed = backupRowsLineSchema.safeParse(line);
  if (!parsed.success || !isTableName(parsed.data.table))
    throw new BackupError('bad_file', `the backup has a line that is not a page of a known table's rows`);
  const table = parsed.data.table;
  const binary = tableSpec(table).binary ?? [];
  const rows = parsed.data.rows.map((row) => {
    for (const c of binary) if (typeof row[c] === 'string') row[c] = Buffer.from(row[c], 'base64');
    return row;
  });
  return { table, rows };
}

export function parseHeader(line: unknown): BackupHeader {
  const version = (line as { version?: unknown } | null)?.version;
  if ((line as { format?: unknown } | null)?.format === BACKUP_FORMAT && version !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      'unsupported',
      `backup format version ${String(version)} is not supported: this Pharos reads version ${BACKUP_FORMAT_VERSION}`,
    );
  }
  const parsed = backupHeaderSchema.safeParse(line);
  if (!parsed.success) throw new BackupError('bad_file', 'the file does not start with a Pharos backup header');
  return parsed.data;
}
