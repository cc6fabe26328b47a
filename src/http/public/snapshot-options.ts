import type { Bus } from '../../bus/bus.ts';
import type { PharosConfig } from '../../config/schema.ts';
import type { MonitorState } from '../../domain/monitor-state.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import type { CatalogSource } from './public-catalog.ts';
import type { PublicRenderers } from './public-renderers.ts';
import type { StaleAfter } from './staleness-tracker.ts';

/** What rebuilds read instead of the store, when this process holds it in memory. */
export interface SnapshotSources {
  /**
   * the catalog as this process last loaded it (src/runtime/catalog.ts), read instead of the store's monitors,
   * components, pages and maintenances; a new object means it changed. Absent: read from the store, again only
   * after a catalog.changed or config.synced event (or catalogMaxAgeMs)
   */
  catalog?: () => CatalogSource | undefined;
  /** the monitors' states in memory, when this process checks every monitor: read instead of the store's */
  monitorStates?: () => ReadonlyMap<string, MonitorState>;
}

/** The timings of the snapshot; every one has a default in SNAPSHOT_DEFAULTS. */
export interface SnapshotTimings {
  /** coalesce bursts of events into one rebuild */
  debounceMs: number;
  /**
   * at least this long between the starts of two rebuilds, however many events arrive (the last change is never
   * lost: a trailing rebuild follows); a rebuild costs the same with 1 change or 10,000
   */
  minGapMs: number;
  /** without `catalog`: re-read the catalog at least this often (another process may have changed it quietly) */
  catalogMaxAgeMs: number;
  /** rebuild at least this often, so that time-driven states (maintenance windows, "x minutes ago") move */
  refreshMs: number;
  /** reload the 90-day history at most this often after a status change, and at least every refreshMs */
  historyMinGapMs: number;
  /** while rebuilding fails, retry this often (the bus may be quiet: nothing is committed while the store is down) */
  retryMs: number;
  /** mark the pages stale after this many failed rebuilds in a row, or this long after the first one */
  staleAfter: StaleAfter;
  /** give up on a rebuild whose reads have not answered by then (a hung database) */
  buildTimeoutMs: number;
  /** ping the store this often: nothing else tells a quiet page that the store is gone */
  probeMs: number;
  /** give up on a ping that has not answered by then */
  probeTimeoutMs: number;
}

export const SNAPSHOT_DEFAULTS: Readonly<SnapshotTimings> = Object.freeze({
  debounceMs: 50,
  minGapMs: 500,
  catalogMaxAgeMs: 600_000,
  refreshMs: 30_000,
  historyMinGapMs: 5_000,
  retryMs: 1_000,
  staleAfter: Object.freeze({ failures: 2, ms: 5_000 }),
  buildTimeoutMs: 10_000,
  probeMs: 2_000,
  probeTimeoutMs: 1_000,
});

export interface PublicSnapshotOptions extends SnapshotSources, Partial<SnapshotTimings> {
  store: Store;
  config: PharosConfig;
  bus: Bus;
  logger: Logger;
  renderers: PublicRenderers;
  now?: () => number;
}

export type ResolvedSnapshotOptions = Readonly<
  Omit<PublicSnapshotOptions, keyof SnapshotTimings | 'now'> & SnapshotTimings & { now: () => number }
>;

/** Every option with its default filled in, once: the snapshot reads only the result. */
export function resolveSnapshotOptions(opts: PublicSnapshotOptions): ResolvedSnapshotOptions {
  const d = SNAPSHOT_DEFAULTS;
  return Object.freeze({
    ...opts,
    now: opts.now ?? Date.now,
    debounceMs: opts.debounceMs ?? d.debounceMs,
    minGapMs: opts.minGapMs ?? d.minGapMs,
    catalogMaxAgeMs: opts.catalogMaxAgeMs ?? d.catalogMaxAgeMs,
    refreshMs: opts.refreshMs ?? d.refreshMs,
    historyMinGapMs: opts.historyMinGapMs ?? d.historyMinGapMs,
    retryMs: opts.retryMs ?? d.retryMs,
    staleAfter: opts.staleAfter ?? d.staleAfter,
    buildTimeoutMs: opts.buildTimeoutMs ?? d.buildTimeoutMs,
    probeMs: opts.probeMs ?? d.probeMs,
    probeTimeoutMs: opts.probeTimeoutMs ?? d.probeTimeoutMs,
  });
}
