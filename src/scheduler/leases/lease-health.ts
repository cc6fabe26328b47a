/** Rounds failed in a row before the worker says it is not ready. */
export const FAILED_ROUNDS_NOT_READY = 3;
/** No successful round for this many TTLs (a round that hangs fails nothing): not ready. */
export const SILENT_TTLS_NOT_READY = 2;
/**
 * How long a worker may own fewer units than its fair share before it says so, in TTLs. Claims and releases move at
 * most a share (a half share for releases) per round, every TTL / 3, and a worker back from a store outage waits one
 * TTL before claiming: a rebalance settles well within three TTLs.
 */
export const BELOW_SHARE_GRACE_TTLS = 3;

/** What one successful round saw. */
export interface LeaseRoundView {
  /** units this worker owns after the round */
  owned: number;
  /** units to share (the catalog's) */
  units: number;
  /** workers heard from within the TTL, this one included */
  live: number;
}

/**
 * The least a worker owns once a rebalance has settled: every other worker may hold the full target ceil(units / live)
 * and this one the rest (10 units, 3 workers: 4, 4 and 2). Below it for longer than the grace, units are left unchecked
 * or another worker is stuck above its share.
 */
export function fairShareFloor(units: number, live: number): number {
  const workers = Math.max(1, live);
  return Math.max(0, units - (workers - 1) * Math.ceil(units / workers));
}

/**
 * Whether a worker's lease rounds do their job, for /readyz and /metrics (pure: the lease manager reports each round,
 * the time is given). Not ready when its rounds keep failing, when none succeeded for 2 × TTL, or when it owned fewer
 * units than its fair share floor for longer than 3 × TTL. Before its first round it is not ready either: it checks
 * nothing yet.
 */
export class LeaseHealth {
  failuresTotal = 0;
  private consecutiveFailures = 0;
  private lastError = '';
  private lastSuccessAt: number | undefined;
  private belowShareSince: number | undefined;
  private last: LeaseRoundView | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly startedAt: number,
  ) {}

  roundFailed(err: unknown): number {
    this.failuresTotal += 1;
    this.consecutiveFailures += 1;
    this.lastError = err instanceof Error ? err.message : String(err);
    return this.consecutiveFailures;
  }

  roundSucceeded(now: number, view: LeaseRoundView): void {
    this.consecutiveFailures = 0;
    this.lastSuccessAt = now;
    this.last = view;
    const below = view.owned < fairShareFloor(view.units, view.live);
    if (!below) this.belowShareSince = undefined;
    else this.belowShareSince ??= now;
  }

  /** Why the worker is not ready, or null. */
  problem(now: number): string | null {
    if (this.consecutiveFailures >= FAILED_ROUNDS_NOT_READY)
      return `${this.consecutiveFailures} consecutive lease rounds failed: ${this.lastError}`;
    const since = this.lastSuccessAt ?? this.startedAt;
    if (now - since >= SILENT_TTLS_NOT_READY * this.ttlMs) {
      const what = this.lastSuccessAt === undefined ? 'since start' : `for ${seconds(now - since)}`;
      return `no lease round succeeded ${what}${this.lastError ? ` (last error: ${this.lastError})` : ''}`;
    }
    if (!this.last) return 'the first lease round has not finished';
    const below = this.belowShareSince;
    if (below !== undefined && now - below >= BELOW_SHARE_GRACE_TTLS * this.ttlMs) {
      const { owned, units, live } = this.last;
      return `owns ${owned} of a fair share of at least ${fairShareFloor(units, live)} units (${units} units, ${live} live workers) for ${seconds(now - below)}`;
    }
    return null;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
