import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Small encrypted and authenticated tokens (AES-256-GCM, `base64url(iv | ciphertext | tag)`), for what the browser
 * must carry between two requests but may not read: an OpenID Connect sign-in in progress (its nonce and PKCE
 * verifier). The server keeps nothing, so the request that finishes may reach any replica that holds the same
 * secret. Each purpose gets a key of its own, derived from the secret.
 */
export class TokenSealer {
  readonly #key: Buffer;

  constructor(secret: string | Buffer, purpose: string) {
    this.#key = createHmac('sha256', secret).update(`pharos sealed token: ${purpose}`).digest();
  }

  seal(payload: object, expiresAt: number): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify({ v: payload, x: expiresAt }), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The payload, or undefined when the token is forged, sealed with another key or purpose, malformed or expired. */
  open(token: string | undefined, now: number): unknown {
    if (!token || token.length > 8192) return undefined;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      const parsed = JSON.parse(text) as { v?: unknown; x?: unknown };
      if (typeof parsed.x !== 'number' || parsed.x <= now) return undefined;
      return parsed.v;
    } catch {
      return undefined;
    }
  }
}
