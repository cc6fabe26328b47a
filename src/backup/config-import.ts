import type { Kysely } from 'kysely';
import type { Database, StoreDialect } from '../store/schema.ts';
import { chunksFor } from '../store/store-context.ts';
import { BackupError } from './backup-error.ts';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_JSON_COLUMNS,
  EXPORT_MATCH,
  EXPORT_TABLES,
  exportDocumentSchema,
  type ExportTable,
} from './config-export-format.ts';
import type { Row } from './read-table-rows.ts';

type AnyDatabase = Record<string, Row>;

/** Check a parsed JSON value is an export document this Pharos reads; a clear refusal otherwise. */
export function parseExportDocument(value: unknown): ReturnType<typeof exportDocumentSchema.parse> {
  const head = (value ?? {}) as { format?: unknown; version?: unknown };
  if (head.format !== EXPORT_FORMAT)
    throw new BackupError(
      'bad_file',
      `not a Pharos export (format "${String(head.format)}", expected "${EXPORT_FORMAT}")`,
    );
  if (head.version !== EXPORT_FORMAT_VERSION)
    throw new BackupError(
      'unsupported',
      `export format version ${String(head.version)} is not supported: this Pharos reads version ${EXPORT_FORMAT_VERSION}`,
    );
  const parsed = exportDocumentSchema.safeParse(value);
  if (!parsed.success)
    throw new BackupError(
      'bad_file',
      `the export is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * Upsert an export document into a migrated store in one transaction: a row matching an existing one (by
 * EXPORT_MATCH) replaces it, others are added; nothing is deleted. Returns the rows written per table.
 */
export async function importConfig(
  db: Kysely<Database>,
  dialect: StoreDialect,
  value: unknown,
): Promise<Record<ExportTable, number>> {
  const doc = parseExportDocument(value);
  const counts = {} as Record<ExportTable, number>;
  await db.transaction().execute(async (trx) => {
    const target = trx as unknown as Kysely<AnyDatabase>;
    for (const table of EXPORT_TABLES) {
      const rows = doc.tables[table].map((row) => toStoredRow(table, row));
      counts[table] = rows.length;
      if (rows.length === 0) continue;
      const match = EXPORT_MATCH[table];
      const columns = Object.keys(rows[0]!);
      const updated = columns.filter((c) => !match.includes(c));
      for (const chunk of chunksFor(dialect, rows, columns.length)) {
        await target
          .insertInto(table)
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns(match as string[])
              .doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}`)]))),
          )
          .execute();
      }
    }
  });
  return counts;
}

function toStoredRow(table: ExportTable, row: Row): Row {
  const out = { ...row };
  for (const column of EXPORT_JSON_COLUMNS[table] ?? [])
    if (column in out && typeof out[column] !== 'string') out[column] = JSON.stringify(out[column]);
  return out;
}
