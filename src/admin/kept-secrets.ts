import type { FieldIssue } from './admin-error.ts';
import { joinUrlParts, REDACTED, urlParts } from './redact.ts';

/**
 * Where the secret at `path` of a config goes, as text to compare: a URL's origin, the very URL, a mail server with
 * its TLS mode … A secret the API hid and an edit sent back as "[redacted]" is kept only while this stays the same:
 * whoever may edit a monitor or channel must not be able to point it at their own server and have the stored
 * secret delivered there.
 */
export type SecretTarget<C> = (config: C, path: readonly string[]) => string;

export interface RestoredEdit {
  /** the edit with the stored secrets put back where it said "[redacted]" */
  value: unknown;
  /** where a stored secret was put back (paths into the config) */
  kept: string[][];
}

/**
 * An edited object sent back with "[redacted]" where the API hid a secret gets the stored secret there (so reading an
 * object and writing it back never replaces a secret with the placeholder); URLs get back their hidden password,
 * userinfo and query values. Says where it did, for `movedSecrets`.
 */
export function restoreKeptSecrets(incoming: unknown, stored: unknown): RestoredEdit {
  const kept: string[][] = [];
  const walk = (given: unknown, from: unknown, path: string[]): unknown => {
    if (given === REDACTED) {
      if (from !== undefined) kept.push(path);
      return from;
    }
    if (typeof given === 'string') {
      const restored = typeof from === 'string' ? restoreUrlSecrets(given, from) : undefined;
      if (restored === undefined) return given;
      kept.push(path);
      return restored;
    }
    if (Array.isArray(given))
      return given.map((v, i) => walk(v, Array.isArray(from) ? from[i] : undefined, [...path, String(i)]));
    if (given && typeof given === 'object') {
      const old = from && typeof from === 'object' && !Array.isArray(from) ? (from as Record<string, unknown>) : {};
      return Object.fromEntries(
        Object.entries(given).map(([k, v]) => [k, walk(v, Object.hasOwn(old, k) ? old[k] : undefined, [...path, k])]),
      );
    }
    return given;
  };
  return { value: walk(incoming, stored, []), kept };
}

/** The kept secrets whose target differs between the stored config and the edited one: each must be typed again. */
export function movedSecrets<C>(
  kept: readonly string[][],
  before: C,
  after: C,
  targetOf: SecretTarget<C>,
): FieldIssue[] {
  const target = (config: C, path: readonly string[]) => {
    try {
      return targetOf(config, path);
    } catch {
      return undefined; // a target that cannot be told is not the same target
    }
  };
  return kept
    .filter((path) => {
      const was = target(before, path);
      return was === undefined || was !== target(after, path);
    })
    .map((path) => ({ path: ['body', ...path].join('.'), message: 're-enter this secret: the target changed' }));
}

const isPlaceholder = (text: string | undefined) => text === REDACTED || text?.toLowerCase() === '%5bredacted%5d';

/** The stored URL's userinfo, password or query values put back where the edited URL has the placeholder. */
function restoreUrlSecrets(edited: string, stored: string): string | undefined {
  if (!edited.includes(REDACTED) && !edited.toLowerCase().includes('%5bredacted%5d')) return undefined;
  const given = urlParts(edited);
  const from = urlParts(stored);
  if (!given || !from) return undefined;
  let restored = false;
  let userinfo = given.userinfo;
  const colon = userinfo?.indexOf(':') ?? -1;
  const storedColon = from.userinfo?.indexOf(':') ?? -1;
  if (isPlaceholder(userinfo) && from.userinfo !== undefined) {
    userinfo = from.userinfo;
    restored = true;
  } else if (userinfo !== undefined && colon !== -1 && isPlaceholder(userinfo.slice(colon + 1)) && storedColon !== -1) {
    userinfo = `${userinfo.slice(0, colon)}:${from.userinfo!.slice(storedColon + 1)}`;
    restored = true;
  }
  // the n-th "key=[redacted]" of a key gets the n-th stored value of that key (a bare entry's key is "")
  const keyOf = (entry: string) => (entry.includes('=') ? entry.slice(0, entry.indexOf('=')) : '');
  const valueOf = (entry: string) => (entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry);
  const seen = new Map<string, number>();
  const query = given.query?.map((entry) => {
    const key = keyOf(entry);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (!isPlaceholder(valueOf(entry))) return entry;
    const original = from.query?.filter((e) => keyOf(e) === key)[n];
    if (original === undefined) return entry;
    restored = true;
    return original;
  });
  return restored ? joinUrlParts({ ...given, userinfo, query }) : undefined;
}
