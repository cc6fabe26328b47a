/** When the last good pages get a "may be stale" note: after this many failures in a row, or this long after the first. */
export interface StaleAfter {
  readonly failures: number;
  readonly ms: number;
}

export interface Staleness {
  /** ms since epoch of the first failure since the last good rebuild */
  readonly since: number;
}

/**
 * Whether the public pages are stale, from what the store did: failed rebuilds and failed pings count alike (a
 * quiet page learns of a dead store only from the pings); a good rebuild ends it. Pure: times come in with the
 * outcomes, so a test drives it without a clock.
 */
export class StalenessTracker {
  #failures = 0;
  #failingSince: number | undefined;
  #stale: Staleness | undefined;

  constructor(private readonly after: StaleAfter) {}

  /** failures in a row since the last good rebuild */
  get failures(): number {
    return this.#failures;
  }

  /** ms since epoch of the first of them; undefined while the store answers */
  get failingSince(): number | undefined {
    return this.#failingSince;
  }

  /** set once the pages are to show the stale note */
  get stale(): Staleness | undefined {
    return this.#stale;
  }

  /**
   * A rebuild or ping failed at `now`. Returns the staleness when this failure is the one that makes the pages
   * stale (the caller re-renders them once); only pages that exist (`hasPages`) can be marked.
   */
  failed(now: number, hasPages: boolean): Staleness | undefined {
    this.#failures += 1;
    this.#failingSince ??= now;
    if (this.#stale || !hasPages) return undefined;
    if (this.#failures < this.after.failures && now - this.#failingSince < this.after.ms) return undefined;
    this.#stale = { since: this.#failingSince };
    return this.#stale;
  }

  /** A rebuild succeeded. Returns the staleness it ends, if the pages were stale (to say so). */
  succeeded(): Staleness | undefined {
    const ended = this.#stale;
    this.#failures = 0;
    this.#failingSince = undefined;
    this.#stale = undefined;
    return ended;
  }
}
