import type { LeaseStore } from '../../store/leases/lease-store.ts';
import { LeaseHealth, type LeaseRoundView } from './lease-health.ts';

export interface LeaseChange {
  added: string[];
  removed: string[];
}

export interface LeaseManagerOptions {
  store: LeaseStore;
  workerId: string;
  now(): number;
  /** how long a lease lasts without renewal (default 10 s); a round runs every ttl / 3 */
  ttlMs?: number;
  /** the units to share, as the catalog says now */
  units(): readonly string[];
  /**
   * Told what this worker gained or lost. Removals are reported before they are written to the store, so the worker
   * can flush their state before another worker may take them; additions after they are taken.
   */
  onChange(change: LeaseChange): Promise<void>;
  /** units taken over from a worker whose lease ran out (not released) */
  onTakeover?(units: string[]): void;
  /** a round failed; `consecutive` counts this one */
  onError?(err: unknown, consecutive: number): void;
  random?: () => number;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;

/**
 * One worker's side of sharing monitors: each round it heart-beats, renews its leases (what the store returns is what
 * it owns), then moves towards its fair share, ceil(units / live workers): below it, it claims free or expired units
 * (a random pick, at most one share per round, so workers starting together do not fight over the same units); above
 * it, it releases a few per round for the others.
 *
 * When the store cannot be reached it keeps its units and goes on checking them (results wait in the batch writer);
 * when the store answers again, the renewal says which units are still its own, and the batch writer's lease fence
 * discards what it buffered for a unit another worker took over meanwhile. After such an outage it waits one TTL before
 * claiming expired units, so that the other workers coming back from the same outage renew their own first.
 */
export class LeaseManager {
  readonly ttlMs: number;
  /** for /readyz and /metrics: are the rounds doing their job */
  readonly health: LeaseHealth;
  private owned = new Set<string>();
  private storeFailing = false;
  private claimNotBefore = 0;
  /** when the leases renewed (or claimed) by the last good round end, by this worker's clock */
  private validUntil = 0;
  /** when the round in progress started (undefined: none) */
  private roundStartedAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: LeaseManagerOptions) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.health = new LeaseHealth(this.ttlMs, opts.now());
  }

  get roundMs(): number {
    return Math.max(1, Math.floor(this.ttlMs / 3));
  }

  get units(): ReadonlySet<string> {
    return this.owned;
  }

  /** Run the first round, then one every ttl / 3 until stopped. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
  }

  /** Stop the rounds (waits for one in progress); the leases stay until they expire or `leave` is called. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Give every unit up at once (after the worker flushed their state) and stop counting as a live worker. */
  async leave(): Promise<void> {
    await this.stop();
    this.owned = new Set();
    await this.opts.store.leave(this.opts.workerId);
  }

  /**
   * May a check of an owned unit start now? Not when the leases were last renewed so long ago that another worker
   * may have taken them over (this process stalled, or its round timer is late): it waits for its next round, which
   * says what it still owns. When the store cannot be reached (its last round failed, or one has been waiting longer
   * than a round) it goes on checking, as the class comment says; the lease fence sorts out the results.
   */
  mayCheck(now: number): boolean {
    if (this.storeFailing) return true;
    if (now + this.roundMs < this.validUntil) return true;
    return this.roundStartedAt !== undefined && now - this.roundStartedAt > this.roundMs;
  }

  /** One round (the timer calls it; tests call it with a fake clock). A failure is reported, never thrown. */
  async round(): Promise<void> {
    const now = this.opts.now();
    this.roundStartedAt = now;
    try {
      this.health.roundSucceeded(now, await this.step(now));
    } catch (err) {
      this.opts.onError?.(err, this.health.roundFailed(err));
    } finally {
      this.roundStartedAt = undefined;
    }
  }

  private async step(now: number): Promise<LeaseRoundView> {
    const { store, workerId: me } = this.opts;
    let held: string[];
    try {
      await store.heartbeat(me, now);
      held = await store.renew(me, now, this.ttlMs);
    } catch (err) {
      this.storeFailing = true;
      throw err;
    }
    this.validUntil = now + this.ttlMs;
    if (this.storeFailing) {
      this.storeFailing = false;
      this.claimNotBefore = now + this.ttlMs;
    }
    const wanted = new Set(this.opts.units());
    const mine = new Set(held.filter((u) => wanted.has(u)));
    const gone = held.filter((u) => !wanted.has(u));
    const lost = [...this.owned].filter((u) => !mine.has(u));
    const regained = [...mine].filter((u) => !this.owned.has(u));

    const live = Math.max(1, (await store.liveWorkers(now - this.ttlMs)).length);
    const share = Math.ceil(wanted.size / live);
    const surplus = this.shuffled([...mine]).slice(
      0,
      Math.min(Math.max(0, mine.size - share), Math.max(1, Math.ceil(share / 2))),
    );
    for (const u of surplus) mine.delete(u);
    if (lost.length + surplus.length > 0) await this.drop([...lost, ...surplus]);
    if (surplus.length + gone.length > 0) await store.release(me, [...surplus, ...gone]);

    const claimed =
      mine.size < share && now >= this.claimNotBefore ? await this.claim(now, wanted, share - mine.size, share) : [];
    const added = [...regained, ...claimed];
    for (const u of added) this.owned.add(u);
    if (added.length > 0) await this.opts.onChange({ added, removed: [] });
    return { owned: [...this.owned].filter((u) => wanted.has(u)).length, units: wanted.size, live };
  }

  private async claim(now: number, wanted: Set<string>, missing: number, share: number): Promise<string[]> {
    const leases = await this.opts.store.list();
    const held = new Set(leases.filter((l) => l.expiresAt >= now).map((l) => l.unit));
    const candidates = this.shuffled([...wanted].filter((u) => !held.has(u))).slice(0, Math.min(missing, share));
    const claimed = await this.opts.store.claim(this.opts.workerId, candidates, now, this.ttlMs);
    const expired = new Set(leases.filter((l) => l.expiresAt > 0 && l.owner !== this.opts.workerId).map((l) => l.unit));
    const takeovers = claimed.filter((u) => expired.has(u));
    if (takeovers.length > 0) this.opts.onTakeover?.(takeovers);
    return claimed;
  }

  private async drop(units: string[]): Promise<void> {
    for (const u of units) this.owned.delete(u);
    await this.opts.onChange({ added: [], removed: units });
  }

  private async tick(): Promise<void> {
    this.running = this.round();
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.roundMs);
  }

  private shuffled<T>(items: T[]): T[] {
    const random = this.opts.random ?? Math.random;
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}
