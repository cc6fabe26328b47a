/**
 * Single-use recovery codes for when the authenticator is lost. Shown once as `xxxx-xxxx-xxxx`; stored as
 * SHA-256 hex of the normalised code (12 characters from 31 gives ~59 random bits, so a fast hash is enough).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Lower-case letters and digits without the easily confused 0/o, 1/l/i. */
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');
}

/** Codes to show once, and their hashes to store. */
export function newRecoveryCodes(count = 10): { codes: string[]; hashes: string[] } {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return { codes: [...codes], hashes: [...codes].map(hashRecoveryCode) };
}

/**
 * The hashes left once `code` is spent, or null when it matches none. Every stored hash is compared, in
 * constant time, so the answer's timing says nothing about which one matched.
 */
export function useRecoveryCode(code: string, hashes: readonly string[]): string[] | null {
  if (normaliseRecoveryCode(code) === '') return null;
  const given = Buffer.from(hashRecoveryCode(code), 'hex');
  let matched = -1;
  hashes.forEach((stored, i) => {
    const candidate = Buffer.from(stored, 'hex');
    const equal = candidate.length === given.length && timingSafeEqual(candidate, given);
    if (equal && matched === -1) matched = i;
  });
  return matched === -1 ? null : hashes.filter((_, i) => i !== matched);
}
