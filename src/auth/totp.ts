/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps expect them: HMAC-SHA-1, 6 digits,
 * 30-second steps. The step a code was accepted for is returned so the caller can store it and refuse
 * the same code (or an older one) a second time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, periodSeconds: 30, secretBytes: 20 } as const;

const PERIOD_MS = TOTP_PARAMS.periodSeconds * 1000;

export type TotpCheck = { ok: true; step: number } | { ok: false };

/** A fresh secret, base32 (no padding): 20 random bytes, 32 characters. */
export function newTotpSecret(): string {
  return new Secret({ buffer: new Uint8Array(randomBytes(TOTP_PARAMS.secretBytes)).buffer }).base32;
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_PARAMS.algorithm,
    digits: TOTP_PARAMS.digits,
    period: TOTP_PARAMS.periodSeconds,
  }).toString();
}

/** The 30-second step that `now` (ms since the epoch) falls in. */
export function totpStepAt(now: number): number {
  return Math.floor(now / PERIOD_MS);
}

/** The code for one step; `digits` other than 6 only for the RFC's test vectors. */
export function totpCodeAt(secret: string, step: number, digits: number = TOTP_PARAMS.digits): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_PARAMS.algorithm,
    digits,
    period: TOTP_PARAMS.periodSeconds,
    timestamp: step * PERIOD_MS,
  });
}

function parseSecret(secret: string): boolean {
  try {
    return Secret.fromBase32(secret).bytes.length > 0;
  } catch {
    return false;
  }
}

/**
 * Accepts a code for the current step or up to `window` steps either side (clock drift), but never for a
 * step at or before `lastUsedStep`: a code seen once, or an older one, is a replay. Spaces in the code are
 * ignored; anything but exactly six digits is refused. Never throws.
 */
export function verifyTotp(
  secret: string,
  code: string,
  now: number,
  { window = 1, lastUsedStep }: { window?: number; lastUsedStep?: number | null } = {},
): TotpCheck {
  const given = code.replace(/\s+/g, '');
  if (!/^\d+$/.test(given) || given.length !== TOTP_PARAMS.digits || !parseSecret(secret)) return { ok: false };
  const current = totpStepAt(now);
  // Newest first, so that when two steps share a code the later step is recorded as used.
  for (let step = current + window; step >= current - window; step--) {
    if (lastUsedStep != null && step <= lastUsedStep) continue;
    const expected = totpCodeAt(secret, step);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return { ok: true, step };
  }
  return { ok: false };
}
