import { sql, type ColumnDataType, type CreateTableBuilder, type Expression } from 'kysely';
import type { StoreDialect } from '../schema.ts';

/**
 * The few places where SQLite and PostgreSQL DDL differ, so that each migration is written once.
 * Migrations get a `SchemaDialect` instead of sniffing the connection.
 */
export interface SchemaDialect {
  readonly name: StoreDialect;
  /** binary column: blob / bytea */
  readonly binary: ColumnDataType;
  /** a generated integer primary key: SQLite's rowid alias, PostgreSQL's identity column (bigint when `wide`) */
  addSurrogateKey<T extends string, C extends string, K extends string>(
    table: CreateTableBuilder<T, C>,
    column: K,
    opts?: { wide?: boolean },
  ): CreateTableBuilder<T, C | K>;
  /** SQLite stores small tables keyed by their primary key without a hidden rowid (fewer bytes per row) */
  clusteredByPrimaryKey<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  /** PostgreSQL leaves room in each page so that updating a row can stay on its page (a HOT update, less bloat) */
  updatedInPlace<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
}

export function schemaDialect(name: StoreDialect): SchemaDialect {
  if (name === 'sqlite') {
    return {
      name,
      binary: 'blob',
      // exactly `integer primary key`: an alias of the rowid, assigned by SQLite
      addSurrogateKey: (table, column) => table.addColumn(column, 'integer', (c) => c.primaryKey()),
      clusteredByPrimaryKey: (table) => table.modifyEnd(sql`without rowid`),
      updatedInPlace: (table) => table,
    };
  }
  return {
    name,
    binary: 'bytea',
    addSurrogateKey: (table, column, opts) =>
      table.addColumn(column, opts?.wide ? 'bigint' : 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
    // PostgreSQL heap tables have no rowid to drop
    clusteredByPrimaryKey: (table) => table,
    updatedInPlace: (table) => table.modifyEnd(sql`with (fillfactor = 70)`),
  };
}

/** `column in ('a', 'b', …)` for a CHECK constraint, from one of the `as const` vocabularies. */
export function oneOf(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
