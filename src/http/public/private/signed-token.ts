import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token is for; a token made for one purpose is refused for any other. */
export const TOKEN_PURPOSES = ['page', 'pending', 'grant'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * Small HMAC-signed tokens (`<base64url JSON>.<base64url MAC>`) for the private pages' cookies and redirects:
 * the server keeps no state, and any replica holding the same secret can read them. Signed, not encrypted:
 * put nothing in them that the visitor may not see.
 */
export class TokenSigner {
  readonly #key: Buffer;

  constructor(secret: string | Buffer) {
    // a key of its own, so that the configured secret could sign other things without tokens being interchangeable
    this.#key = createHmac('sha256', secret).update('pharos private pages v1').digest();
  }

  sign(purpose: TokenPurpose, payload: object, expiresAt: number): string {
    const body = Buffer.from(JSON.stringify({ ...payload, p: purpose, x: expiresAt })).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }

  /** The payload, or undefined when the token is forged, for another purpose, malformed or expired. */
  read(purpose: TokenPurpose, token: string | undefined, now: number): Record<string, unknown> | undefined {
    if (!token || token.length > 4096) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.#mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    } catch {
      return undefined;
    }
    if (typeof payload !== 'object' || payload === null) return undefined;
    const p = payload as Record<string, unknown>;
    if (p.p !== purpose || typeof p.x !== 'number' || p.x <= now) return undefined;
    return p;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}
