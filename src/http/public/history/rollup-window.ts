import type { Rollup, RollupGranularity, Store } from '../../../store/store.ts';

/**
 * The rollups of a sliding window, kept in memory: buckets that are closed (before `cutoff`) never change, so each
 * refresh reads only the buckets from the previous cutoff on. A status page with 1,000 components then re-reads a
 * few thousand rows instead of a quarter of a million.
 */
const FULL_READ_EVERY_MS = 3_600_000;
/** monitors per read: SQLite answers synchronously, so one read of 10,000 monitors' rows would block everything else */
const READ_CHUNK = 1_000;

export class RollupWindow {
  private closed = new Map<string, Rollup[]>();
  private open = new Map<string, Rollup[]>();
  private cutoff = 0;
  private monitorKey = '';
  private fullReadAt = 0;

  constructor(
    private readonly granularity: RollupGranularity,
    /** the bucket size (ms) */
    private readonly step: number,
    /** buckets before the current one that may still receive late results */
    private readonly lateBuckets = 1,
  ) {}

  /** Rows whose bucket starts in [from, now], by monitor id, oldest first. */
  async refresh(
    store: Store,
    monitorIds: readonly string[],
    from: number,
    now: number,
  ): Promise<Map<string, Rollup[]>> {
    const key = [...monitorIds].sort().join(',');
    // Read everything again when the monitors change, and hourly, so that results that arrive very late (a store
    // outage flushed afterwards) reach closed buckets too.
    if (key !== this.monitorKey || this.cutoff < from || now - this.fullReadAt > FULL_READ_EVERY_MS) {
      this.closed = new Map();
      this.cutoff = from;
      this.monitorKey = key;
      this.fullReadAt = now;
    }
    const rows: Rollup[] = [];
    for (let i = 0; i < monitorIds.length; i += READ_CHUNK) {
      // let requests and checks in between the reads
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const r of await store.listRollups(monitorIds.slice(i, i + READ_CHUNK), this.granularity, {
        from: this.cutoff,
        to: now + this.step,
      }))
        rows.push(r);
    }
    const newCutoff = Math.max(this.cutoff, (Math.floor(now / this.step) - this.lateBuckets) * this.step);
    this.open = new Map();
    for (const r of rows) append(r.bucketStart < newCutoff ? this.closed : this.open, r);
    this.cutoff = newCutoff;
    for (const [id, list] of this.closed) {
      const firstKept = list.findIndex((r) => r.bucketStart >= from);
      if (firstKept > 0) this.closed.set(id, list.slice(firstKept));
      else if (firstKept === -1) this.closed.delete(id);
    }
    const out = new Map<string, Rollup[]>();
    for (const id of monitorIds) out.set(id, [...(this.closed.get(id) ?? []), ...(this.open.get(id) ?? [])]);
    return out;
  }
}

function append(map: Map<string, Rollup[]>, r: Rollup): void {
  const list = map.get(r.monitorId);
  if (list) list.push(r);
  else map.set(r.monitorId, [r]);
}
