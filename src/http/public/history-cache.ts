export interface HistoryGaps {
  /** reload at least this often, changes or not (results alone change the day bars) */
  readonly refreshMs: number;
  /** after a status change, reload no sooner than this after the last load (the query reads 90 days) */
  readonly minGapMs: number;
}

/** What a rebuild does with the 90-day history. */
export type HistoryDecision =
  | { readonly kind: 'reload' }
  /** keep the loaded one, and rebuild again in `inMs` so that the day bars catch up with a change */
  | { readonly kind: 'keep-then-reload'; readonly inMs: number }
  | { readonly kind: 'keep' };

/**
 * Whether to reload the history at `now`, given when it was last loaded (undefined: never, or invalidated) and
 * whether a status change arrived since.
 */
export function decideHistoryReload(
  state: { readonly loadedAt: number | undefined; readonly changed: boolean },
  now: number,
  gaps: HistoryGaps,
): HistoryDecision {
  if (state.loadedAt === undefined) return { kind: 'reload' };
  const age = now - state.loadedAt;
  if (age >= gaps.refreshMs) return { kind: 'reload' };
  if (!state.changed) return { kind: 'keep' };
  if (age >= gaps.minGapMs) return { kind: 'reload' };
  return { kind: 'keep-then-reload', inMs: gaps.minGapMs - age };
}

/**
 * The 90-day history the public pages show (`T`: what one load gives), and when to reload it. A change that arrives while a load runs may
 * have been read before it: it keeps the history marked changed (see `refresh`).
 */
export class HistoryCache<T> {
  #data: T;
  #loadedAt: number | undefined;
  /** status changes seen so far; the history is current up to `#loadedUpTo` of them */
  #changes = 1;
  #loadedUpTo = 0;

  /** `empty`: what the pages show before the first load */
  constructor(
    private readonly gaps: HistoryGaps,
    empty: T,
  ) {
    this.#data = empty;
  }

  /** the last loaded history */
  get data(): T {
    return this.#data;
  }

  /** when the data was loaded; undefined before the first load, and after invalidate() */
  get loadedAt(): number | undefined {
    return this.#loadedAt;
  }

  /** A status change: reload after minGapMs at the latest. */
  changed(): void {
    this.#changes += 1;
  }

  /** The next rebuild reloads, whatever the gaps say. */
  invalidate(): void {
    this.#loadedAt = undefined;
  }

  decide(now: number): HistoryDecision {
    return decideHistoryReload({ loadedAt: this.#loadedAt, changed: this.#changes > this.#loadedUpTo }, now, this.gaps);
  }

  /**
   * Load it now if `decide` says so: what `load` gives is kept only if it succeeds. Returns the
   * decision, so that the caller can come back for a 'keep-then-reload'.
   */
  async refresh(now: number, load: () => Promise<T>): Promise<HistoryDecision> {
    const decision = this.decide(now);
    if (decision.kind !== 'reload') return decision;
    const upTo = this.#changes;
    this.#data = await load();
    this.#loadedAt = now;
    this.#loadedUpTo = upTo;
    return decision;
  }
}
