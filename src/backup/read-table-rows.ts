import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { tableSpec, type TableName } from './backup-tables.ts';

export type Row = Record<string, unknown>;

/** Rows per page: big enough to amortise a round trip, small enough to keep memory flat. */
export const PAGE_ROWS = 1_000;

/**
 * A table's rows a page at a time, in primary key order, paged by key (`(k1, k2) > (…)`) rather than by
 * offset so each page costs the same. Run it inside one transaction to read a consistent snapshot.
 */
export async function* readTableRows(
  db: Kysely<Database>,
  table: TableName,
  pageRows = PAGE_ROWS,
): AsyncGenerator<Row[]> {
  const key = tableSpec(table).primaryKey;
  const keyList = sql.join(key.map((c) => sql.ref(c)));
  let after: Row | undefined;
  for (;;) {
    const where = after ? sql`where (${keyList}) > (${sql.join(key.map((c) => after![c]))})` : sql``;
    const { rows } =
      await sql<Row>`select * from ${sql.table(table)} ${where} order by ${keyList} limit ${pageRows}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1];
  }
}

/** Row counts of every listed table that exists (a store migrated to an older level lacks some). */
export async function countRows(
  db: Kysely<Database>,
  tables: readonly TableName[],
): Promise<Partial<Record<TableName, number>>> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const counts: Partial<Record<TableName, number>> = {};
  for (const table of tables) {
    if (!existing.has(table)) continue;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}
