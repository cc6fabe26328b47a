import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedStatusChange, Store } from '../../../store/store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface StatusChangeWindowOptions {
  /** read the whole window again this often (the safety net for changes recorded out of id order, see `overlap`) */
  fullReadEveryMs: number;
  /** a full read covers at most this much time per statement: one read of 90 days would block everything else */
  sliceMs: number;
  /** a read of what was recorded since takes at most this many changes per statement */
  chunk: number;
  /**
   * how many ids below the newest one seen are read again: PostgreSQL hands out ids as rows are inserted, so a
   * transaction that took an id earlier can commit after one that took a later id (SQLite has one writer)
   */
  overlap: number;
}

/** reads of a full read run back to back for this long before letting the event loop in */
const TURN_MS = 4;

const DEFAULTS: StatusChangeWindowOptions = { fullReadEveryMs: HOUR_MS, sliceMs: DAY_MS, chunk: 5_000, overlap: 1_000 };

/**
 * The status changes of a sliding window (the 90 days the public history shows), kept in memory like RollupWindow
 * keeps rollups: a refresh reads only the changes recorded since the last one (by id), not 90 days of every
 * monitor's changes; the whole window is read again, a day at a time, when the monitors shown change and hourly.
 * Only the changes of `monitorIds` are kept.
 */
export class StatusChangeWindow {
  private readonly opts: StatusChangeWindowOptions;
  /** oldest first: by time, then id */
  private list: RecordedStatusChange[] = [];
  private known = new Set<number>();
  /** every change with an id up to this one (less `overlap`) has been read */
  private cursor = 0;
  private monitorKey = '';
  private fullReadAt = -Infinity;

  constructor(opts: Partial<StatusChangeWindowOptions> = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** The changes of `monitorIds` at [from, now], oldest first (by time, then as recorded). */
  async refresh(
    store: Store,
    monitorIds: readonly string[],
    from: number,
    now: number,
  ): Promise<RecordedStatusChange[]> {
    const shown = new Set(monitorIds);
    const key = [...monitorIds].sort().join(',');
    if (key !== this.monitorKey || now - this.fullReadAt >= this.opts.fullReadEveryMs) {
      await this.readAll(store, shown, from, now);
      this.monitorKey = key;
      this.fullReadAt = now;
    } else {
      await this.readRecorded(store, shown, from);
    }
    const firstKept = this.list.findIndex((c) => c.at >= from);
    const dropped = firstKept === -1 ? this.list : this.list.slice(0, firstKept);
    for (const c of dropped) this.known.delete(c.id);
    if (dropped.length > 0) this.list = firstKept === -1 ? [] : this.list.slice(firstKept);
    return this.list.filter((c) => c.at <= now);
  }

  private async readAll(store: Store, shown: ReadonlySet<string>, from: number, now: number): Promise<void> {
    // what was recorded by now: later changes are read by the next refresh (the same ones twice are skipped)
    const newest = await store.lastStatusChangeId();
    const list: RecordedStatusChange[] = [];
    let turnStarted = performance.now();
    for (let start = from; start <= now; start += this.opts.sliceMs) {
      // let requests and checks in between the reads, once they have taken a few ms (empty days take microseconds)
      if (performance.now() - turnStarted > TURN_MS) {
        await nextTurn();
        turnStarted = performance.now();
      }
      const slice = await store.listAllStatusChanges({ from: start, to: Math.min(start + this.opts.sliceMs, now + 1) });
      for (const c of slice) if (shown.has(c.monitorId)) list.push(c);
    }
    this.list = list;
    this.known = new Set();
    this.cursor = newest;
    for (const c of list) {
      this.known.add(c.id);
      if (c.id > this.cursor) this.cursor = c.id;
    }
  }

  private async readRecorded(store: Store, shown: ReadonlySet<string>, from: number): Promise<void> {
    let afterId = Math.max(0, this.cursor - this.opts.overlap);
    for (;;) {
      const rows = await store.listStatusChangesRecordedAfter({ afterId, from, limit: this.opts.chunk });
      for (const c of rows) {
        this.cursor = Math.max(this.cursor, c.id);
        if (!shown.has(c.monitorId) || this.known.has(c.id)) continue;
        this.known.add(c.id);
        this.insert(c);
      }
      if (rows.length < this.opts.chunk) return;
      afterId = rows[rows.length - 1]!.id;
      await nextTurn();
    }
  }

  /** In time order: nearly always at the end (a change is recorded just after it happens). */
  private insert(c: RecordedStatusChange): void {
    let i = this.list.length;
    while (i > 0 && before(c, this.list[i - 1]!)) i--;
    if (i === this.list.length) this.list.push(c);
    else this.list.splice(i, 0, c);
  }
}

function before(a: RecordedStatusChange, b: RecordedStatusChange): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
