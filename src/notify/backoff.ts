/** When to try a failed delivery again: exponential from `baseMs`, capped, with jitter, never before the receiver's Retry-After. */
export function nextAttemptAt(opts: {
  now: number;
  attempts: number;
  baseMs: number;
  maxMs: number;
  retryAfterMs?: number;
  random?: () => number;
}): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, opts.attempts - 1));
  // "equal jitter": half fixed, half random, so retries of many rows spread out but never come too early
  const jittered = exp / 2 + (opts.random ?? Math.random)() * (exp / 2);
  return opts.now + Math.max(jittered, opts.retryAfterMs ?? 0);
}

/** A per-channel token bucket: `perMinute` messages, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number) {}

  /** 0 when a message may go now (and takes the token), else ms until one may. */
  take(key: string, perMinute: number): number {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) * perMinute) / 60_000);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * 60_000) / perMinute);
  }
}
