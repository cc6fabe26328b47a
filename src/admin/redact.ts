/** Keys whose values never reach the audit log or an API answer after creation. */
const SECRET_KEY = /pass(word)?|secret|token|totp|hash|recovery|api[_-]?key|authorization|cookie|private[_-]?key|routing[_-]?key|integration[_-]?key/i;

export const REDACTED = '[redacted]';

/** user:password@ in a URL */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):([^@/\s]+)@/i;

/** Header names whose values are harmless; any other header value may be a credential (X-Auth, X-Api-Token …). */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'user-agent', 'content-type', 'cache-control', 'pragma', 'host', 'origin', 'referer']);

/** A deep copy with secret-looking fields replaced; safe to store in the audit log or to return. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'headers' && v && typeof v === 'object' && !Array.isArray(v)) out[k] = redactHeaders(v as Record<string, unknown>);
      else out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactSecrets(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string') return value.replace(URL_PASSWORD, `$1:${REDACTED}@`);
  return value;
}

function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).map(([name, v]) => [name, PLAIN_HEADERS.has(name.toLowerCase()) ? v : REDACTED]));
}

/**
 * An edited object sent back with "[redacted]" where the API hid a secret keeps the stored secret there, so that
 * reading an object and writing it back never replaces a secret with the placeholder.
 */
export function restoreRedacted(incoming: unknown, stored: unknown): unknown {
  if (incoming === REDACTED) return stored;
  if (typeof incoming === 'string' && incoming.includes(`:${REDACTED}@`) && typeof stored === 'string') {
    const password = URL_PASSWORD.exec(stored)?.[2];
    return password === undefined ? incoming : incoming.replace(`:${REDACTED}@`, `:${password}@`);
  }
  if (Array.isArray(incoming)) return incoming.map((v, i) => restoreRedacted(v, Array.isArray(stored) ? stored[i] : undefined));
  if (incoming && typeof incoming === 'object') {
    const from = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(incoming).map(([k, v]) => [k, restoreRedacted(v, from[k])]));
  }
  return incoming;
}
