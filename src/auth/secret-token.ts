/**
 * Bearer secrets: session cookies, API tokens and setup links. The secret goes to its holder once; only its
 * SHA-256 is stored, so a leaked database does not hand out working credentials. A plain hash (not scrypt)
 * is enough because the secret has 256 random bits: nothing to guess.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What each kind of secret starts with, so a leaked one can be recognised (e.g. by secret scanners). */
export const SECRET_PREFIXES = { session: 'phs_', apiToken: 'pht_', setupLink: 'phsu_' } as const;
export type SecretPrefix = (typeof SECRET_PREFIXES)[keyof typeof SECRET_PREFIXES];

const SECRET_BYTES = 32;

/** SHA-256 hex of the whole secret, prefix included. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** `prefix` + 32 random bytes in base64url, and the hash to store. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = prefix + randomBytes(SECRET_BYTES).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** Constant-time string equality; hashing first hides the lengths too. */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a === b;
}

/** A per-session token echoed back in X-CSRF-Token or a form field; compare with `safeEqual`. */
export function newCsrfToken(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}
