import { setImmediate as nextTurn } from 'node:timers/promises';
import { batchChangedStatus } from '../../bus/batch-committed.ts';
import type { PageConfig } from '../../config/page-schema.ts';
import { answerWithin } from '../../runtime/answer-within.ts';
import { HistoryCache } from './history-cache.ts';
import { historyWindows, loadHistory } from './history/load-history.ts';
import { buildPageMounts, resolveMount, type PageMount, type PageMounts } from './page-mounts.ts';
import { PageSnapshot } from './page-snapshot.ts';
import { loadPublicCatalog, publicCatalogOf, type CatalogSource, type PublicCatalog } from './public-catalog.ts';
import { loadLiveData, type PublicData } from './public-data.ts';
import { scopeToMount } from './scope-to-mount.ts';
import {
  resolveSnapshotOptions,
  type PublicSnapshotOptions,
  type ResolvedSnapshotOptions,
  type SnapshotSources,
} from './snapshot-options.ts';
import { StalenessTracker, type Staleness } from './staleness-tracker.ts';
import type { ComponentHistory } from './status-model.ts';

export type { PublicSnapshotOptions } from './snapshot-options.ts';

/** components whose history parts are rendered in one turn ahead of their page (~0.1–0.3 ms each) */
const PREPARE_CHUNK = 25;

export type SnapshotListener = (changed: PageSnapshot[]) => void;

/**
 * The public side's in-memory copy of every page: rebuilt when an event says something changed (debounced),
 * served as bytes. A request never runs a query. If a rebuild fails, the last good snapshot keeps being served.
 * Its state is read through getters and changed only by its own rebuilds; when to mark the pages stale and when to
 * reload the history are decided by StalenessTracker and HistoryCache, which take values and return values.
 */
export class PublicSnapshot {
  #mounts: PageMounts;
  /** the catalog's pages the mounts were built from (JSON), to rebuild them only when pages change */
  #mountsKey: string;
  #pages = new Map<string, PageSnapshot>();
  #lastBuildMs = 0;
  #lastError: unknown;
  #builtAt = 0;
  readonly #staleness: StalenessTracker;
  readonly #history: HistoryCache<Map<string, ComponentHistory>>;
  readonly #historyWindows = historyWindows();
  readonly #listeners = new Set<SnapshotListener>();
  readonly #opts: ResolvedSnapshotOptions;
  #sources: SnapshotSources;
  #publicCatalog:
    { source: CatalogSource | undefined; parsed: PublicCatalog; loadedAt: number; dirty: boolean } | undefined;
  /** the debounced rebuild, the history catch-up, the periodic rebuild, the store probe, the retry after a failure */
  #timer: NodeJS.Timeout | undefined;
  #historyTimer: NodeJS.Timeout | undefined;
  #refresher: NodeJS.Timeout | undefined;
  #prober: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #building: Promise<void> | undefined;
  #probing = false;
  #again = false;
  /** performance.now() when the last rebuild started: the next waits minGapMs after it */
  #lastStartedAt = -Infinity;
  #stopped = false;
  /** start() was called: a process that serves no pages never rebuilds them */
  #started = false;

  constructor(options: PublicSnapshotOptions) {
    const opts = resolveSnapshotOptions(options);
    this.#opts = opts;
    this.#mounts = buildPageMounts(opts.config);
    this.#mountsKey = JSON.stringify([opts.config.pages, opts.config.components.map((c) => [c.id, c.group])]);
    this.#sources = { catalog: opts.catalog, monitorStates: opts.monitorStates };
    this.#staleness = new StalenessTracker(opts.staleAfter);
    this.#history = new HistoryCache({ refreshMs: opts.refreshMs, minGapMs: opts.historyMinGapMs }, new Map());
  }

  /** the pages by mount key, as last built */
  get pages(): ReadonlyMap<string, PageSnapshot> {
    return this.#pages;
  }

  get mounts(): PageMounts {
    return this.#mounts;
  }

  /** how long the last successful rebuild took (ms) */
  get lastBuildMs(): number {
    return this.#lastBuildMs;
  }

  /** why the last rebuild or ping failed; undefined after a good rebuild */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** ms since epoch of the last successful rebuild; 0 before the first */
  get builtAt(): number {
    return this.#builtAt;
  }

  /** ms since epoch of the first failed rebuild since the last good one */
  get failingSince(): number | undefined {
    return this.#staleness.failingSince;
  }

  get failedRebuilds(): number {
    return this.#staleness.failures;
  }

  /** set once the pages show the last good model with a "may be stale" note */
  get stale(): Staleness | undefined {
    return this.#staleness.stale;
  }

  /**
   * What rebuilds read instead of the store (see `catalog` and `monitorStates`), for a composition root that makes
   * them after the snapshot; call before start().
   */
  useSources(sources: SnapshotSources): void {
    this.#sources = sources;
  }

  async start(): Promise<void> {
    this.#started = true;
    await this.rebuild();
    this.#unsubscribe = this.#opts.bus.subscribe((event) => {
      if (event.type === 'notifications.queued' || event.type === 'monitor.pushed') return;
      // new results alone change nothing shown until the history is reloaded (refreshMs)
      if (event.type === 'batch.committed' && !batchChangedStatus(event)) return;
      if (event.type === 'catalog.changed' || event.type === 'config.synced') {
        if (this.#publicCatalog) this.#publicCatalog.dirty = true;
      }
      if (event.type !== 'config.synced') this.#history.changed();
      this.schedule();
    });
    this.#refresher = setInterval(() => this.schedule(), this.#opts.refreshMs);
    this.#refresher.unref();
    this.#prober = setInterval(() => void this.probeStore(), this.#opts.probeMs);
    this.#prober.unref();
  }

  /** Stop rebuilding; resolves once a rebuild in progress has ended (it may still be reading the store). */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#historyTimer) clearTimeout(this.#historyTimer);
    if (this.#refresher) clearInterval(this.#refresher);
    if (this.#prober) clearInterval(this.#prober);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#stopped = true;
    await this.#building?.catch(() => undefined);
  }

  onChange(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The page a request is for, and the path inside it. */
  resolve(host: string | undefined, path: string): { page: PageSnapshot | undefined; mount: PageMount; rest: string } {
    const { mount, rest } = resolveMount(this.#mounts, host, path);
    return { page: this.#pages.get(mount.key), mount, rest };
  }

  /** The next rebuild reloads the 90-day history too (it is otherwise reloaded at most every few seconds). */
  markHistoryStale(): void {
    this.#history.invalidate();
  }

  /** A rebuild soon: after debounceMs, and no sooner than minGapMs after the last one started. */
  schedule(): void {
    if (this.#timer || this.#stopped || !this.#started) return;
    if (this.#building) {
      this.#again = true; // what changed during a rebuild may have been read before it: one more after it
      return;
    }
    const wait = Math.max(this.#opts.debounceMs, this.#lastStartedAt + this.#opts.minGapMs - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.rebuild();
    }, wait);
  }

  /** Rebuild now (start, tests); events go through schedule(). */
  async rebuild(): Promise<void> {
    if (this.#building) {
      this.#again = true;
      return this.#building;
    }
    this.#lastStartedAt = performance.now();
    this.#building = this.build();
    try {
      await this.#building;
    } finally {
      this.#building = undefined;
    }
    if (this.#again) {
      this.#again = false;
      this.schedule();
    }
  }

  /** Pages and components come from the catalog: an admin change can add a page or move a component. */
  private refreshMounts(pages: PageConfig[], components: { id: string; group: string | null }[]): void {
    const key = JSON.stringify([pages, components.map((c) => [c.id, c.group ?? undefined])]);
    if (key === this.#mountsKey) return;
    this.#mountsKey = key;
    this.#mounts = buildPageMounts({
      title: this.#opts.config.title,
      server: this.#opts.config.server,
      pages,
      components,
      language: this.#opts.config.language,
      languages: this.#opts.config.languages,
      strings: this.#opts.config.strings,
    });
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const { store, config, renderers, logger, buildTimeoutMs } = this.#opts;
    const now = this.#opts.now();
    try {
      const catalog = await answerWithin(this.catalogNow(), buildTimeoutMs, 'the store');
      const live = await answerWithin(
        loadLiveData(store, now, catalog, this.#sources.monitorStates?.()),
        buildTimeoutMs,
        'the store',
      );
      this.refreshMounts(catalog.pages, live.components);
      // the history's reads in turns of their own (SQLite answers synchronously: reads chained by await would
      // otherwise all run in this turn)
      await nextTurn();
      await answerWithin(this.refreshHistory(live, now), buildTimeoutMs, 'the store');
      const data: PublicData = { ...live, history: this.#history.data };
      const changed: PageSnapshot[] = [];
      const pages = new Map<string, PageSnapshot>();
      for (const mount of this.#mounts.all) {
        // each page in a turn of its own: requests, results and timers go in between (the event loop's delay is
        // that of the longest turn, not of the whole rebuild); meanwhile the previous pages are served
        await nextTurn();
        const model = scopeToMount(data, mount, {
          description: config.description,
          subscribe: config.subscribers.enabled && config.subscribers.email !== undefined,
          public: config.public,
        });
        // the components' history parts a few per turn first (new after each history reload), then the page
        for (let i = 0; i < model.components.length; i += PREPARE_CHUNK) {
          const ids = model.components.slice(i, i + PREPARE_CHUNK).map((c) => c.id);
          renderers.prepareStatusPage(model, ids);
          await nextTurn();
        }
        const page = new PageSnapshot(mount.key, model, renderers);
        pages.set(mount.key, page);
        if (this.#pages.get(mount.key)?.token !== page.token) changed.push(page);
      }
      this.#pages = pages;
      this.#builtAt = now;
      this.#lastError = undefined;
      const ended = this.#staleness.succeeded();
      if (ended)
        logger.info(
          { component: 'snapshot', staleSince: new Date(ended.since).toISOString() },
          'the store answers again; the public pages are current',
        );
      this.#lastBuildMs = performance.now() - started;
      if (changed.length > 0) for (const l of this.#listeners) l(changed);
    } catch (err) {
      this.#lastError = err;
      logger.error({ component: 'snapshot', err }, 'rebuilding the public snapshot failed; serving the previous one');
      this.rebuildFailed(now);
    }
  }

  /** The catalog as parsed once: from the process's own catalog when given, else from the store when it changed. */
  private async catalogNow(): Promise<PublicCatalog> {
    const source = this.#sources.catalog?.();
    const cached = this.#publicCatalog;
    if (source) {
      if (cached?.source !== source)
        this.#publicCatalog = { source, parsed: publicCatalogOf(source), loadedAt: this.#opts.now(), dirty: false };
      return this.#publicCatalog!.parsed;
    }
    const fresh = cached && !cached.dirty && this.#opts.now() - cached.loadedAt < this.#opts.catalogMaxAgeMs;
    if (fresh) return cached.parsed;
    if (cached) cached.dirty = false; // an event during the read marks it dirty again
    const loadedAt = this.#opts.now();
    const parsed = await loadPublicCatalog(this.#opts.store);
    this.#publicCatalog = { source: undefined, parsed, loadedAt, dirty: this.#publicCatalog?.dirty ?? false };
    return parsed;
  }

  /**
   * A failed ping counts as a failed rebuild (and starts the retries that find out when the store is back). It runs
   * while a rebuild is in progress too: a rebuild hung on a stalled network fails only at its own timeout, and the
   * pages must be marked stale long before that.
   */
  private async probeStore(): Promise<void> {
    if (this.#staleness.stale || this.#probing) return;
    this.#probing = true;
    const now = this.#opts.now();
    try {
      await answerWithin(this.#opts.store.ping(), this.#opts.probeTimeoutMs, 'the store');
    } catch (err) {
      this.#lastError = err;
      this.#opts.logger.error(
        { component: 'snapshot', err },
        'the store does not answer; serving the previous snapshot',
      );
      this.rebuildFailed(now);
    } finally {
      this.#probing = false;
    }
  }

  /** Count the failure, mark the pages stale past the threshold, and try again soon. */
  private rebuildFailed(now: number): void {
    const stale = this.#staleness.failed(now, this.#pages.size > 0);
    if (stale) this.markStale(stale);
    if (this.#stopped || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.schedule();
    }, this.#opts.retryMs);
    this.#retryTimer.unref();
  }

  /** Re-render the last good models with the stale marker: no store access needed. */
  private markStale(stale: Staleness): void {
    const pages = new Map<string, PageSnapshot>();
    for (const [key, page] of this.#pages)
      pages.set(key, new PageSnapshot(key, { ...page.model, stale }, this.#opts.renderers));
    this.#pages = pages;
    this.#opts.logger.warn(
      { component: 'snapshot', staleSince: new Date(stale.since).toISOString() },
      'the store does not answer; serving the last good pages marked stale',
    );
    for (const l of this.#listeners) l([...pages.values()]);
  }

  /** Reload the history when HistoryCache says so; else, after a change, come back once the gap has passed. */
  private async refreshHistory(live: Omit<PublicData, 'history'>, now: number): Promise<void> {
    const decision = await this.#history.refresh(now, () => {
      const monitorsById = new Map(live.monitors.map((m) => [m.id, m]));
      const components = live.components.map((c) => ({
        id: c.id,
        status: c.status,
        monitors: c.monitorIds.flatMap((id) => {
          const m = monitorsById.get(id);
          return m ? [{ id, type: m.type }] : [];
        }),
      }));
      return loadHistory(this.#opts.store, components, live.incidents, live.states, now, this.#historyWindows);
    });
    if (decision.kind !== 'keep-then-reload' || this.#historyTimer) return;
    // so that the day bars catch up with the change
    this.#historyTimer = setTimeout(() => {
      this.#historyTimer = undefined;
      this.schedule();
    }, decision.inMs);
  }
}
