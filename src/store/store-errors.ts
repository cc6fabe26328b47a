/** A write refused because a unique value (an email, a token hash, an id) is taken. */
export class DuplicateError extends Error {
  readonly code = 'duplicate';
  constructor(readonly what: string) {
    super(`${what} already exists`);
    this.name = 'DuplicateError';
  }
}

/**
 * Whether a database error is a unique (or primary key) violation: SQLite's SQLITE_CONSTRAINT_UNIQUE or
 * _PRIMARYKEY (better-sqlite3), PostgreSQL's SQLSTATE 23505 (pg).
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Run an insert, turning a unique violation into a DuplicateError about `what`. */
export async function insertOrDuplicate<T>(what: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError(what);
    throw err;
  }
}
