import { request } from 'undici';
import type { DeliveryContext, DeliveryResult } from '../notifier.ts';

const BODY_PREVIEW = 500;

/**
 * One HTTP delivery, mapped to a DeliveryResult: 2xx ok; 408, 425, 429 and 5xx retryable (Retry-After honoured,
 * in seconds or as a date); other 4xx not retryable; a network error or timeout retryable. Always sends the
 * Idempotency-Key; never throws.
 */
export async function sendHttp(
  ctx: Pick<DeliveryContext, 'idempotencyKey' | 'signal' | 'dispatcher' | 'now'>,
  url: string,
  opts: { method?: 'POST' | 'PUT'; headers?: Record<string, string>; body: string; contentType?: string },
): Promise<DeliveryResult> {
  try {
    const res = await request(url, {
      method: opts.method ?? 'POST',
      headers: {
        'content-type': opts.contentType ?? 'application/json',
        'user-agent': 'Pharos',
        'idempotency-key': ctx.idempotencyKey,
        ...opts.headers,
      },
      body: opts.body,
      dispatcher: ctx.dispatcher,
      signal: ctx.signal,
    });
    const text = await readPreview(res.body);
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, remoteStatus: res.statusCode };
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.now());
    const retryable =
      res.statusCode === 408 || res.statusCode === 425 || res.statusCode === 429 || res.statusCode >= 500;
    return {
      ok: false,
      retryable,
      retryAfterMs,
      error: `HTTP ${res.statusCode}`,
      remoteStatus: res.statusCode,
      remoteBody: text,
    };
  } catch (err) {
    const e = err as { message?: string; code?: string };
    if (e.code === 'egress_denied') return { ok: false, retryable: false, error: e.message ?? String(err) };
    if (unreached(err)) return { ok: false, retryable: true, error: `could not connect to ${new URL(url).host}` };
    return { ok: false, retryable: true, error: e.message ?? String(err) };
  }
}

/** Connect failures that would tell a closed port from a filtered one (or a name that does not exist). */
const UNREACHED = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether nothing answered at all: such errors become one message, so that a channel's "send test" (and the
 * dead-letter view) is no port scanner. What did answer (an HTTP status, a TLS error) is told as it is.
 */
function unreached(err: unknown): boolean {
  const e = err as { code?: string; errors?: { code?: string }[]; cause?: unknown };
  if (e.code !== undefined && UNREACHED.has(e.code)) return true;
  if (Array.isArray(e.errors))
    return e.errors.length > 0 && e.errors.every((inner) => inner.code !== undefined && UNREACHED.has(inner.code));
  return false;
}

async function readPreview(body: AsyncIterable<Buffer | string> & { dump?(): Promise<void> }): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    if (text.length < BODY_PREVIEW) text += String(chunk);
  }
  return text.slice(0, BODY_PREVIEW);
}

/** Retry-After as delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
