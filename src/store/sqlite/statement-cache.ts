import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept prepared: the store's query shapes (chunked bulk SQL included) fit, a few times over. */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query afresh, and better-sqlite3 frees a statement only when V8 collects
 * its small JS wrapper, unaware of the native memory behind it (a chunked insert's program is tens of kB). With
 * thousands of checks a second that held ~370 MB of SQLite memory awaiting a major GC, and the process's RSS stayed
 * there. Preparing each distinct SQL text once and reusing it (least recently used evicted) keeps it to a few MB.
 * Safe on Kysely's single connection: one query at a time, and a stream finishes before the next query starts.
 */
export function cachingStatements(
  database: SqliteDatabase,
  limit: number = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { readonly cachedStatements: number } {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql); // to the end: most recently used
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > limit) cache.delete(cache.keys().next().value!);
      return statement;
    },
    get cachedStatements() {
      return cache.size;
    },
  };
}
