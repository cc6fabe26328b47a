/**
 * Password hashing with scrypt and the password policy.
 *
 * Encoded form: `scrypt$ln=17,r=8,p=1$<salt base64>$<key base64>` (unpadded base64). The parameters travel
 * with each hash, so old hashes still verify after the parameters are raised, and `needsRehash` says when to
 * store a fresh one (on the next successful sign-in).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OWASP's current recommendation for scrypt: N=2^17, r=8, p=1. */
export const SCRYPT_PARAMS = { ln: 17, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const;

interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

interface DecodedHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

// Stored hashes are ours, but bounds keep a corrupt or hostile row from asking for gigabytes of memory.
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16], saltBytes: [8, 64], keyBytes: [16, 128] } as const;
const ENCODED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function within(value: number, [min, max]: readonly [number, number]): boolean {
  return value >= min && value <= max;
}

/** Memory scrypt needs is about 128·N·r bytes; leave room on top so Node does not refuse. */
function maxmemFor({ ln, r, p }: ScryptParams): number {
  return 128 * 2 ** ln * r + 128 * r * p + 32 * 1024 * 1024;
}

function deriveKey(plain: string, salt: Buffer, keyBytes: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** params.ln, r: params.r, p: params.p, maxmem: maxmemFor(params) };
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function b64(buf: Buffer): string {
  return buf.toString('base64').replace(/=+$/, '');
}

function decode(encoded: string): DecodedHash | null {
  const m = ENCODED.exec(encoded);
  if (!m) return null;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const key = Buffer.from(m[5] ?? '', 'base64');
  if (!within(ln, LIMITS.ln) || !within(r, LIMITS.r) || !within(p, LIMITS.p)) return null;
  if (!within(salt.length, LIMITS.saltBytes) || !within(key.length, LIMITS.keyBytes)) return null;
  return { ln, r, p, salt, key };
}

export async function hashPassword(plain: string): Promise<string> {
  const { ln, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const key = await deriveKey(plain, salt, keyBytes, { ln, r, p });
  return `scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

/** False for a wrong password and for anything that is not a hash we can read; never throws. */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded) return false;
  try {
    const key = await deriveKey(plain, decoded.salt, decoded.key.length, decoded);
    return timingSafeEqual(key, decoded.key);
  } catch {
    return false;
  }
}

/** True when the hash was made with weaker parameters than today's (or cannot be read at all). */
export function needsRehash(encoded: string): boolean {
  const d = decode(encoded);
  if (!d) return true;
  const cur = SCRYPT_PARAMS;
  return d.ln < cur.ln || d.r < cur.r || d.p < cur.p || d.salt.length < cur.saltBytes || d.key.length < cur.keyBytes;
}

/**
 * A well-formed hash of current cost that no password matches (random salt and key, no known preimage).
 * Verify against it when the email is unknown (or the user has no password) so that the answer takes as
 * long as for a real account. A constant rather than a hash computed at start-up: nothing to await, no
 * 100 ms paid at boot, and it follows SCRYPT_PARAMS so it costs what a fresh hash costs.
 */
export const DUMMY_PASSWORD_HASH =
  `scrypt$ln=${SCRYPT_PARAMS.ln},r=${SCRYPT_PARAMS.r},p=${SCRYPT_PARAMS.p}` +
  '$WTib9vC03JWY18IS12r6BQ$Le/O9AgVhHdH29WDy9rt+6Gq88hLL9Su8x4x5ym1QnzEgP4e4q6Y52jVMV4WVEvoEg9OdNFGnvmGzjReCgoNGw';

export const PASSWORD_POLICY = { minLength: 12, maxLength: 256, minEmailLocalPart: 3 } as const;

// Only passwords long enough to pass the length rule are worth listing.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123123123123',
  '111111111111',
  '000000000000',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'qwertyuiop12',
  'qwerty123456',
  'qwertyuiopasdf',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'administrator',
  'admin1234567',
  'changeme1234',
  'statuspage123',
  'pharos123456',
]);

/** Why a new password is refused, in words for the person typing it; null when it is acceptable. */
export function checkPasswordStrength(plain: string, { email }: { email?: string | null } = {}): string | null {
  const length = [...plain].length;
  if (length < PASSWORD_POLICY.minLength) return `Use at least ${PASSWORD_POLICY.minLength} characters.`;
  if (length > PASSWORD_POLICY.maxLength) return `Use at most ${PASSWORD_POLICY.maxLength} characters.`;
  const lower = plain.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common. Choose another.';
  if (new Set(lower).size === 1) return 'Do not repeat a single character.';
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= PASSWORD_POLICY.minEmailLocalPart && lower.includes(local)) {
    return 'Do not use your email address in your password.';
  }
  return null;
}
