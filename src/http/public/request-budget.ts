/**
 * Requests per key (a client address) per fixed window, in memory and per process. At most `maxKeys` keys are held;
 * past that the key whose window started longest ago is forgotten, so a flood of distinct addresses costs bounded
 * memory (and at worst lets an old key start afresh).
 */
export class RequestBudget {
  readonly #perWindow: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  /** Map order = order in which the keys' windows started */
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(opts: { perWindow: number; windowMs: number; maxKeys: number; now?: () => number }) {
    if (!(opts.perWindow >= 1 && opts.windowMs > 0 && opts.maxKeys >= 1))
      throw new RangeError('RequestBudget needs perWindow ≥ 1, windowMs > 0, maxKeys ≥ 1');
    this.#perWindow = opts.perWindow;
    this.#windowMs = opts.windowMs;
    this.#maxKeys = opts.maxKeys;
    this.#now = opts.now ?? Date.now;
  }

  /** Counts one request of `key`: 0 when it is within the budget, else the milliseconds until the window ends. */
  take(key: string): number {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      this.#windows.delete(key);
      for (const oldest of this.#windows.keys()) {
        if (this.#windows.size < this.#maxKeys) break;
        this.#windows.delete(oldest);
      }
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= this.#perWindow) return Math.max(1, window.start + this.#windowMs - now);
    window.count++;
    return 0;
  }

  /** keys currently held */
  get size(): number {
    return this.#windows.size;
  }
}
