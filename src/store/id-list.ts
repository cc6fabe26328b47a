import { sql, type Expression, type SqlBool } from 'kysely';
import type { StoreDialect } from './schema.ts';

/**
 * `column IN (…)` as one bound parameter whatever the number of values: a JSON array read with json_each on SQLite, a
 * text[] compared with ANY on PostgreSQL. For the queries that cannot be split into chunks without changing their
 * meaning (one ORDER BY … LIMIT over all the values); everything else uses chunksFor (store-context.ts).
 */
export function isOneOf(dialect: StoreDialect, column: string, values: readonly string[]): Expression<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(cast(${[...values]} as text[]))`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}
