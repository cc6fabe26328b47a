import type { Kysely } from 'kysely';
import type { Database, StoreDialect } from '../store/schema.ts';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_JSON_COLUMNS,
  EXPORT_TABLES,
  type ExportDocument,
  type ExportTable,
} from './config-export-format.ts';
import { readTableRows, type Row } from './read-table-rows.ts';

/** The configuration-like tables as one document (config-export-format.ts), read in one transaction. */
export async function exportConfig(
  db: Kysely<Database>,
  dialect: StoreDialect,
  deps: { pharosVersion: string; now: () => number },
): Promise<ExportDocument> {
  const tables = {} as Record<ExportTable, Row[]>;
  const snapshot =
    dialect === 'postgres'
      ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : db.transaction();
  await snapshot.execute(async (trx) => {
    for (const table of EXPORT_TABLES) {
      tables[table] = [];
      for await (const page of readTableRows(trx, table))
        tables[table].push(...page.map((row) => toDocumentRow(table, row)));
    }
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    pharos_version: deps.pharosVersion,
    exported_at: new Date(deps.now()).toISOString(),
    dialect,
    tables,
  };
}

function toDocumentRow(table: ExportTable, row: Row): Row {
  const out = { ...row };
  // the integer key is local to a store: an import matches monitors by id and lets the target number them
  if (table === 'monitors') delete out.key;
  for (const column of EXPORT_JSON_COLUMNS[table] ?? [])
    if (typeof out[column] === 'string') out[column] = JSON.parse(out[column]);
  return out;
}
