import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: what X-Pharos-Signature carries. */
export function signWebhookBody(secret: string, timestamp: number | string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * For receivers: is this request from Pharos? Pass the X-Pharos-Timestamp and X-Pharos-Signature headers and the raw
 * body exactly as received (before any JSON parsing). False when a header is missing or malformed, the timestamp is
 * further than `toleranceSeconds` from now (either way: a replayed or held-back request), or the signature does not
 * match (compared in constant time).
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number | undefined,
  body: string | Buffer,
  signature: string | undefined,
  { toleranceSeconds = 300, now = Date.now }: { toleranceSeconds?: number; now?: () => number } = {},
): boolean {
  const ts = String(timestamp ?? '');
  if (!/^\d{1,15}$/.test(ts) || !signature || !/^sha256=[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(now() / 1000 - Number(ts)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(secret, ts, body).slice('sha256='.length), 'hex');
  const given = Buffer.from(signature.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
