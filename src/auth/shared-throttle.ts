import type { SharedStateStore } from '../store/shared/shared-state-store.ts';
import type { ThrottleDecision } from './login-throttle.ts';

/** A sliding-window limit on attempts per key: `check` before trying, `fail` to count one, `succeed` to clear. */
export interface Throttle {
  check(key: string): ThrottleDecision | Promise<ThrottleDecision>;
  fail(key: string): void | Promise<void>;
  succeed(key: string): void | Promise<void>;
}

/** What the store's shared throttles are for; each counts apart. */
export const THROTTLE_SCOPES = ['sign_in', 'page_password', 'subscribe'] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/** The longest window of any shared throttle: attempts older than this count for nothing (housekeeping deletes them). */
export const THROTTLE_KEEP_MS = 24 * 3_600_000;

/**
 * At most `max` attempts in any `windowMs`, given the key's attempt times newest first (at least the last `max`
 * of them): the oldest of the last `max` has to leave the window before the next try.
 */
export function throttleDecision(
  newestFirst: readonly number[],
  max: number,
  windowMs: number,
  now: number,
): ThrottleDecision {
  const recent = newestFirst.filter((t) => t > now - windowMs);
  if (recent.length < max) return { allowed: true };
  const oldest = recent[max - 1] ?? now;
  return { allowed: false, retryAfterMs: Math.max(oldest + windowMs - now, 1) };
}

/**
 * The throttle every replica shares: each attempt is a row in the store (`throttle_hits`), so attempts spread over
 * replicas by a load balancer add up to one limit, and a restart forgets nothing.
 */
export class StoreThrottle implements Throttle {
  readonly #store: SharedStateStore;
  readonly #scope: ThrottleScope;
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(
    store: SharedStateStore,
    scope: ThrottleScope,
    options: { max: number; windowMs: number; now?: () => number },
  ) {
    if (!(options.max >= 1 && options.windowMs > 0 && options.windowMs <= THROTTLE_KEEP_MS))
      throw new RangeError('StoreThrottle needs max ≥ 1 and 0 < windowMs ≤ 24 h');
    this.#store = store;
    this.#scope = scope;
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  async check(key: string): Promise<ThrottleDecision> {
    const now = this.#now();
    const times = await this.#store.throttleHits(this.#scope, key, now - this.#windowMs + 1, this.#max);
    return throttleDecision(times, this.#max, this.#windowMs, now);
  }

  async fail(key: string): Promise<void> {
    const now = this.#now();
    await this.#store.hitThrottle(this.#scope, key, now, now - this.#windowMs);
  }

  async succeed(key: string): Promise<void> {
    await this.#store.clearThrottle(this.#scope, key);
  }
}
