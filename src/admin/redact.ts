/** Keys whose values never reach the audit log or an API answer after creation. */
const SECRET_KEY = /pass(word)?|secret|token|totp|hash|recovery|api[_-]?key|authorization|cookie|private[_-]?key|routing[_-]?key|integration[_-]?key/i;

export const REDACTED = '[redacted]';

/** A deep copy with secret-looking fields replaced; safe to store in the audit log or to return. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactSecrets(v, depth + 1);
    return out;
  }
  return value;
}

/**
 * An edited object sent back with "[redacted]" where the API hid a secret keeps the stored secret there, so that
 * reading an object and writing it back never replaces a secret with the placeholder.
 */
export function restoreRedacted(incoming: unknown, stored: unknown): unknown {
  if (incoming === REDACTED) return stored;
  if (Array.isArray(incoming)) return incoming.map((v, i) => restoreRedacted(v, Array.isArray(stored) ? stored[i] : undefined));
  if (incoming && typeof incoming === 'object') {
    const from = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(incoming).map(([k, v]) => [k, restoreRedacted(v, from[k])]));
  }
  return incoming;
}
