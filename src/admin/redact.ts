/** Keys whose values never reach the audit log or an API answer after creation. */
const SECRET_KEY =
  /pass(word)?|secret|token|totp|hash|recovery|api[_-]?key|authorization|cookie|private[_-]?key|routing[_-]?key|integration[_-]?key/i;

export const REDACTED = '[redacted]';

/** user:password@ in a URL */
export const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):([^@/\s]+)@/i;

/** A URL in parts, as written (nothing normalised): scheme://, userinfo@, host and path, ?query, #fragment. */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^/?#\s]*)@)?([^?#\s]*)(?:\?([^#\s]*))?(#\S*)?$/i;

export interface UrlParts {
  scheme: string;
  userinfo: string | undefined;
  rest: string;
  /** the query's entries ("a=1", "flag") */
  query: string[] | undefined;
  fragment: string;
}

export function urlParts(text: string): UrlParts | undefined {
  const m = URL_PARTS.exec(text);
  if (!m) return undefined;
  return {
    scheme: m[1]!,
    userinfo: m[2],
    rest: m[3]!,
    query: m[4] === undefined ? undefined : m[4].split('&'),
    fragment: m[5] ?? '',
  };
}

export function joinUrlParts(p: UrlParts): string {
  return `${p.scheme}${p.userinfo === undefined ? '' : `${p.userinfo}@`}${p.rest}${p.query === undefined ? '' : `?${p.query.join('&')}`}${p.fragment}`;
}

/** Header names whose values are harmless; any other header value may be a credential (X-Auth, X-Api-Token …). */
const PLAIN_HEADERS = new Set([
  'accept',
  'accept-language',
  'accept-encoding',
  'user-agent',
  'content-type',
  'cache-control',
  'pragma',
  'host',
  'origin',
  'referer',
]);

/** A deep copy with secret-looking fields replaced; safe to store in the audit log or to return. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'headers' && v && typeof v === 'object' && !Array.isArray(v))
        out[k] = redactHeaders(v as Record<string, unknown>);
      else
        out[k] =
          SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactSecrets(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string') return value.replace(URL_PASSWORD, `$1:${REDACTED}@`);
  return value;
}

/**
 * What someone who may not change the configuration (a viewer, an editor, a read token, the public page) sees of
 * the URLs in it: no userinfo and no query values, where tokens often travel (?token=…, ?api_key=…).
 */
export function redactUrlDetails(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactUrlDetails(v, depth + 1));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactUrlDetails(v, depth + 1)]));
  if (typeof value !== 'string') return value;
  const parts = urlParts(value);
  if (!parts || (parts.userinfo === undefined && parts.query === undefined)) return value;
  return joinUrlParts({
    ...parts,
    userinfo: parts.userinfo === undefined ? undefined : REDACTED,
    query: parts.query?.map((entry) => {
      const eq = entry.indexOf('=');
      if (eq === -1) return entry === '' ? entry : REDACTED;
      return eq === entry.length - 1 ? entry : `${entry.slice(0, eq)}=${REDACTED}`;
    }),
  });
}

function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, v]) => [name, PLAIN_HEADERS.has(name.toLowerCase()) ? v : REDACTED]),
  );
}
