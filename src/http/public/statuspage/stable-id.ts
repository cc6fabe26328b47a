import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character Statuspage-style id derived from a name, stable across restarts and replicas. */
export function stableId(kind: string, name: string): string {
  const digest = createHash('sha256').update(`${kind}:${name}`).digest();
  let id = '';
  for (let i = 0; i < 12; i++) id += ALPHABET[digest[i]! % 36];
  return id;
}
