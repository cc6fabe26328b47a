/** Error codes of a database that cannot be reached now but may be soon (network, restart, failover). */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // PostgreSQL: starting up / shutting down / in recovery, too many connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * Whether an error means "the database is not reachable right now" (worth waiting for) rather than a mistake that
 * retrying cannot fix (bad credentials, unknown database, a failed migration).
 */
export function isStoreUnreachable(err: unknown): boolean {
  for (
    let e: unknown = err, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)
    )
      return true;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isStoreUnreachable(inner))) return true;
  }
  return false;
}
