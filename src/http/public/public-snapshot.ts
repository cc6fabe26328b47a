import { batchChangedStatus } from '../../bus/batch-committed.ts';
import type { Bus } from '../../bus/bus.ts';
import type { PageConfig } from '../../config/page-schema.ts';
import type { PharosConfig } from '../../config/schema.ts';
import type { MonitorState } from '../../domain/monitor-state.ts';
import { answerWithin } from '../../runtime/answer-within.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import { historyWindows, loadHistory } from './history/load-history.ts';
import { buildPageMounts, resolveMount, type PageMount, type PageMounts } from './page-mounts.ts';
import { PageSnapshot } from './page-snapshot.ts';
import { loadPublicCatalog, publicCatalogOf, type CatalogSource, type PublicCatalog } from './public-catalog.ts';
import { loadLiveData, type PublicData } from './public-data.ts';
import type { PublicRenderers } from './public-renderers.ts';
import { scopeToMount } from './scope-to-mount.ts';
import type { ComponentHistory } from './status-model.ts';

export interface PublicSnapshotOptions {
  store: Store;
  config: PharosConfig;
  bus: Bus;
  logger: Logger;
  renderers: PublicRenderers;
  now?: () => number;
  /** coalesce bursts of events into one rebuild */
  debounceMs?: number;
  /**
   * at least this long between the starts of two rebuilds, however many events arrive (the last change is never
   * lost: a trailing rebuild follows); a rebuild costs the same with 1 change or 10,000
   */
  minGapMs?: number;
  /**
   * the catalog as this process last loaded it (src/runtime/catalog.ts), read instead of the store's monitors,
   * components, pages and maintenances; a new object means it changed. Absent: read from the store, again only
   * after a catalog.changed or config.synced event (or catalogMaxAgeMs)
   */
  catalog?: () => CatalogSource | undefined;
  /** without `catalog`: re-read the catalog at least this often (another process may have changed it quietly) */
  catalogMaxAgeMs?: number;
  /** the monitors' states in memory, when this process checks every monitor: read instead of the store's */
  monitorStates?: () => ReadonlyMap<string, MonitorState>;
  /** rebuild at least this often, so that time-driven states (maintenance windows, "x minutes ago") move */
  refreshMs?: number;
  /** reload the 90-day history at most this often after a status change, and at least every refreshMs */
  historyMinGapMs?: number;
  /** while rebuilding fails, retry this often (the bus may be quiet: nothing is committed while the store is down) */
  retryMs?: number;
  /** mark the pages stale after this many failed rebuilds in a row, or this long after the first one */
  staleAfter?: { failures: number; ms: number };
  /** give up on a rebuild whose reads have not answered by then (a hung database) */
  buildTimeoutMs?: number;
  /** ping the store this often: nothing else tells a quiet page that the store is gone */
  probeMs?: number;
}

const STALE_AFTER = { failures: 2, ms: 5_000 } as const;

export type SnapshotListener = (changed: PageSnapshot[]) => void;

/**
 * The public side's in-memory copy of every page: rebuilt when an event says something changed (debounced),
 * served as bytes. A request never runs a query. If a rebuild fails, the last good snapshot keeps being served.
 */
export class PublicSnapshot {
  mounts: PageMounts;
  /** the catalog's pages the mounts were built from (JSON), to rebuild them only when pages change */
  private mountsKey = '';
  pages = new Map<string, PageSnapshot>();
  lastBuildMs = 0;
  lastError: unknown;
  /** ms since epoch of the last successful rebuild; 0 before the first */
  builtAt = 0;
  /** ms since epoch of the first failed rebuild since the last good one */
  failingSince: number | undefined;
  failedRebuilds = 0;
  /** set once the pages show the last good model with a "may be stale" note */
  stale: { since: number } | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private prober: NodeJS.Timeout | undefined;
  private history: { map: Map<string, ComponentHistory>; loadedAt: number; dirty: boolean } = {
    map: new Map(),
    loadedAt: 0,
    dirty: true,
  };
  private readonly historyWindows = historyWindows();
  private readonly listeners = new Set<SnapshotListener>();
  private timer: NodeJS.Timeout | undefined;
  private historyTimer: NodeJS.Timeout | undefined;
  private refresher: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private building: Promise<void> | undefined;
  private probing = false;
  private again = false;
  /** performance.now() when the last rebuild started: the next waits minGapMs after it */
  private lastStartedAt = -Infinity;
  private publicCatalog:
    { source: CatalogSource | undefined; parsed: PublicCatalog; loadedAt: number; dirty: boolean } | undefined;
  private readonly now: () => number;
  private stopped = false;
  /** start() was called: a process that serves no pages never rebuilds them */
  private started = false;

  private sources: Pick<PublicSnapshotOptions, 'catalog' | 'monitorStates'>;

  constructor(private readonly opts: PublicSnapshotOptions) {
    this.mounts = buildPageMounts(opts.config);
    this.mountsKey = JSON.stringify([opts.config.pages, opts.config.components.map((c) => [c.id, c.group])]);
    this.now = opts.now ?? Date.now;
    this.sources = { catalog: opts.catalog, monitorStates: opts.monitorStates };
  }

  /**
   * What rebuilds read instead of the store (see `catalog` and `monitorStates`), for a composition root that makes
   * them after the snapshot; call before start().
   */
  useSources(sources: Pick<PublicSnapshotOptions, 'catalog' | 'monitorStates'>): void {
    this.sources = sources;
  }

  async start(): Promise<void> {
    this.started = true;
    await this.rebuild();
    this.unsubscribe = this.opts.bus.subscribe((event) => {
      if (event.type === 'notifications.queued' || event.type === 'monitor.pushed') return;
      // new results alone change nothing shown until the history is reloaded (refreshMs)
      if (event.type === 'batch.committed' && !batchChangedStatus(event)) return;
      if (event.type === 'catalog.changed' || event.type === 'config.synced') {
        if (this.publicCatalog) this.publicCatalog.dirty = true;
      }
      if (event.type !== 'config.synced') this.history.dirty = true;
      this.schedule();
    });
    this.refresher = setInterval(() => this.schedule(), this.opts.refreshMs ?? 30_000);
    this.refresher.unref();
    this.prober = setInterval(() => void this.probeStore(), this.opts.probeMs ?? 2_000);
    this.prober.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.historyTimer) clearTimeout(this.historyTimer);
    if (this.refresher) clearInterval(this.refresher);
    if (this.prober) clearInterval(this.prober);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopped = true;
  }

  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The page a request is for, and the path inside it. */
  resolve(host: string | undefined, path: string): { page: PageSnapshot | undefined; mount: PageMount; rest: string } {
    const { mount, rest } = resolveMount(this.mounts, host, path);
    return { page: this.pages.get(mount.key), mount, rest };
  }

  /** The next rebuild reloads the 90-day history too (it is otherwise reloaded at most every few seconds). */
  markHistoryStale(): void {
    this.history.loadedAt = 0;
  }

  /** A rebuild soon: after debounceMs, and no sooner than minGapMs after the last one started. */
  schedule(): void {
    if (this.timer || this.stopped || !this.started) return;
    if (this.building) {
      this.again = true; // what changed during a rebuild may have been read before it: one more after it
      return;
    }
    const wait = Math.max(
      this.opts.debounceMs ?? 50,
      this.lastStartedAt + (this.opts.minGapMs ?? 500) - performance.now(),
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, wait);
  }

  /** Rebuild now (start, tests); events go through schedule(). */
  async rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.lastStartedAt = performance.now();
    this.building = this.build();
    try {
      await this.building;
    } finally {
      this.building = undefined;
    }
    if (this.again) {
      this.again = false;
      this.schedule();
    }
  }

  /** Pages and components come from the catalog: an admin change can add a page or move a component. */
  private refreshMounts(pages: PageConfig[], components: { id: string; group: string | null }[]): void {
    const key = JSON.stringify([pages, components.map((c) => [c.id, c.group ?? undefined])]);
    if (key === this.mountsKey) return;
    this.mountsKey = key;
    this.mounts = buildPageMounts({
      title: this.opts.config.title,
      server: this.opts.config.server,
      pages,
      components,
    });
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const now = this.now();
    try {
      const catalog = await answerWithin(this.catalogNow(), this.opts.buildTimeoutMs ?? 10_000, 'the store');
      const live = await answerWithin(
        loadLiveData(this.opts.store, now, catalog, this.sources.monitorStates?.()),
        this.opts.buildTimeoutMs ?? 10_000,
        'the store',
      );
      this.refreshMounts(catalog.pages, live.components);
      await answerWithin(this.refreshHistory(live, now), this.opts.buildTimeoutMs ?? 10_000, 'the store');
      const data: PublicData = { ...live, history: this.history.map };
      const changed: PageSnapshot[] = [];
      const pages = new Map<string, PageSnapshot>();
      for (const mount of this.mounts.all) {
        const page = new PageSnapshot(
          mount.key,
          scopeToMount(data, mount, {
            description: this.opts.config.description,
            subscribe: this.opts.config.subscribers.enabled && this.opts.config.subscribers.email !== undefined,
          }),
          this.opts.renderers,
        );
        pages.set(mount.key, page);
        if (this.pages.get(mount.key)?.token !== page.token) changed.push(page);
      }
      this.pages = pages;
      this.builtAt = now;
      this.lastError = undefined;
      if (this.stale)
        this.opts.logger.info(
          { component: 'snapshot', staleSince: new Date(this.stale.since).toISOString() },
          'the store answers again; the public pages are current',
        );
      this.failingSince = undefined;
      this.failedRebuilds = 0;
      this.stale = undefined;
      this.lastBuildMs = performance.now() - started;
      if (changed.length > 0) for (const l of this.listeners) l(changed);
    } catch (err) {
      this.lastError = err;
      this.opts.logger.error(
        { component: 'snapshot', err },
        'rebuilding the public snapshot failed; serving the previous one',
      );
      this.rebuildFailed(now);
    }
  }

  /** The catalog as parsed once: from the process's own catalog when given, else from the store when it changed. */
  private async catalogNow(): Promise<PublicCatalog> {
    const source = this.sources.catalog?.();
    const cached = this.publicCatalog;
    if (source) {
      if (cached?.source !== source)
        this.publicCatalog = { source, parsed: publicCatalogOf(source), loadedAt: this.now(), dirty: false };
      return this.publicCatalog!.parsed;
    }
    const fresh = cached && !cached.dirty && this.now() - cached.loadedAt < (this.opts.catalogMaxAgeMs ?? 600_000);
    if (fresh) return cached.parsed;
    if (cached) cached.dirty = false; // an event during the read marks it dirty again
    const loadedAt = this.now();
    const parsed = await loadPublicCatalog(this.opts.store);
    this.publicCatalog = { source: undefined, parsed, loadedAt, dirty: this.publicCatalog?.dirty ?? false };
    return parsed;
  }

  /**
   * A failed ping counts as a failed rebuild (and starts the retries that find out when the store is back). It runs
   * while a rebuild is in progress too: a rebuild hung on a stalled network fails only at its own timeout, and the
   * pages must be marked stale long before that.
   */
  private async probeStore(): Promise<void> {
    if (this.stale || this.probing) return;
    this.probing = true;
    const now = this.now();
    try {
      await answerWithin(this.opts.store.ping(), 1_000, 'the store');
    } catch (err) {
      this.lastError = err;
      this.opts.logger.error(
        { component: 'snapshot', err },
        'the store does not answer; serving the previous snapshot',
      );
      this.rebuildFailed(now);
    } finally {
      this.probing = false;
    }
  }

  /** Count the failure, mark the pages stale past the threshold, and try again soon. */
  private rebuildFailed(now: number): void {
    this.failedRebuilds += 1;
    this.failingSince ??= now;
    const after = this.opts.staleAfter ?? STALE_AFTER;
    if (
      !this.stale &&
      this.pages.size > 0 &&
      (this.failedRebuilds >= after.failures || now - this.failingSince >= after.ms)
    )
      this.markStale({ since: this.failingSince });
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.schedule();
    }, this.opts.retryMs ?? 1_000);
    this.retryTimer.unref();
  }

  /** Re-render the last good models with the stale marker: no store access needed. */
  private markStale(stale: { since: number }): void {
    this.stale = stale;
    const pages = new Map<string, PageSnapshot>();
    for (const [key, page] of this.pages)
      pages.set(key, new PageSnapshot(key, { ...page.model, stale }, this.opts.renderers));
    this.pages = pages;
    this.opts.logger.warn(
      { component: 'snapshot', staleSince: new Date(stale.since).toISOString() },
      'the store does not answer; serving the last good pages marked stale',
    );
    for (const l of this.listeners) l([...pages.values()]);
  }

  private async refreshHistory(live: Omit<PublicData, 'history'>, now: number): Promise<void> {
    const age = now - this.history.loadedAt;
    const due =
      age >= (this.opts.refreshMs ?? 30_000) || (this.history.dirty && age >= (this.opts.historyMinGapMs ?? 5_000));
    if (!due) {
      // come back once the gap has passed, so that the day bars catch up with the change
      if (this.history.dirty && !this.historyTimer) {
        this.historyTimer = setTimeout(
          () => {
            this.historyTimer = undefined;
            this.schedule();
          },
          (this.opts.historyMinGapMs ?? 5_000) - age,
        );
      }
      return;
    }
    const monitorsById = new Map(live.monitors.map((m) => [m.id, m]));
    const components = live.components.map((c) => ({
      id: c.id,
      status: c.status,
      monitors: c.monitorIds.flatMap((id) => {
        const m = monitorsById.get(id);
        return m ? [{ id, type: m.type }] : [];
      }),
    }));
    this.history = {
      map: await loadHistory(this.opts.store, components, live.incidents, live.states, now, this.historyWindows),
      loadedAt: now,
      dirty: false,
    };
  }
}
