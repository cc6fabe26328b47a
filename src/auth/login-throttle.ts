/**
 * Sliding-window limit on failed sign-ins per key (the client's IP): at most `max` failures in any
 * `windowMs`. Held in memory, per process. At most `maxKeys` keys are kept; past that the key whose last
 * failure is oldest is forgotten, so a flood of distinct addresses costs bounded memory (and can at worst
 * make us forget an old offender early; per-account lockout still applies).
 */

export interface LoginThrottleOptions {
  max: number;
  windowMs: number;
  maxKeys: number;
  now?: () => number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export const LOGIN_THROTTLE_DEFAULTS = { max: 10, windowMs: 15 * 60_000, maxKeys: 100_000 } as const;

export class LoginThrottle {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  /** failure times per key, oldest first, at most `max` of them; Map order = order of last failure */
  readonly #failures = new Map<string, number[]>();

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    const { max, windowMs, maxKeys } = { ...LOGIN_THROTTLE_DEFAULTS, ...options };
    if (!(max >= 1 && windowMs > 0 && maxKeys >= 1))
      throw new RangeError('LoginThrottle needs max ≥ 1, windowMs > 0, maxKeys ≥ 1');
    this.#max = max;
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
    this.#now = options.now ?? Date.now;
  }

  /** Whether `key` may try now; checking records nothing. */
  check(key: string): ThrottleDecision {
    const now = this.#now();
    const times = this.#recent(key, now);
    if (times.length < this.#max) return { allowed: true };
    // The oldest of the last `max` failures has to leave the window first.
    const oldest = times[times.length - this.#max] ?? now;
    return { allowed: false, retryAfterMs: oldest + this.#windowMs - now };
  }

  fail(key: string): void {
    const now = this.#now();
    const times = this.#recent(key, now);
    times.push(now);
    if (times.length > this.#max) times.splice(0, times.length - this.#max);
    this.#failures.delete(key);
    while (this.#failures.size >= this.#maxKeys) {
      const first = this.#failures.keys().next();
      if (first.done) break;
      this.#failures.delete(first.value);
    }
    this.#failures.set(key, times);
  }

  /** A successful sign-in clears the key's failures. */
  succeed(key: string): void {
    this.#failures.delete(key);
  }

  /** keys currently held (for tests and metrics) */
  get size(): number {
    return this.#failures.size;
  }

  #recent(key: string, now: number): number[] {
    const times = this.#failures.get(key);
    if (!times) return [];
    const cutoff = now - this.#windowMs;
    const firstLive = times.findIndex((t) => t > cutoff);
    if (firstLive === -1) {
      this.#failures.delete(key);
      return [];
    }
    if (firstLive > 0) times.splice(0, firstLive);
    return times;
  }
}
