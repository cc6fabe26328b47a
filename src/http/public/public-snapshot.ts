import type { Bus } from '../../bus/bus.ts';
import type { PageConfig } from '../../config/page-schema.ts';
import type { PharosConfig } from '../../config/schema.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Store } from '../../store/store.ts';
import { historyWindows, loadHistory } from './history/load-history.ts';
import { buildPageMounts, resolveMount, type PageMount, type PageMounts } from './page-mounts.ts';
import { PageSnapshot } from './page-snapshot.ts';
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
  /** rebuild at least this often, so that time-driven states (maintenance windows, "x minutes ago") move */
  refreshMs?: number;
  /** reload the 90-day history at most this often after a status change, and at least every refreshMs */
  historyMinGapMs?: number;
}

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
  private history: { map: Map<string, ComponentHistory>; loadedAt: number; dirty: boolean } = { map: new Map(), loadedAt: 0, dirty: true };
  private readonly historyWindows = historyWindows();
  private readonly listeners = new Set<SnapshotListener>();
  private timer: NodeJS.Timeout | undefined;
  private historyTimer: NodeJS.Timeout | undefined;
  private refresher: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private building: Promise<void> | undefined;
  private again = false;
  private readonly now: () => number;

  constructor(private readonly opts: PublicSnapshotOptions) {
    this.mounts = buildPageMounts(opts.config);
    this.mountsKey = JSON.stringify([opts.config.pages, opts.config.components.map((c) => [c.id, c.group])]);
    this.now = opts.now ?? Date.now;
  }

  async start(): Promise<void> {
    await this.rebuild();
    this.unsubscribe = this.opts.bus.subscribe((event) => {
      if (event.type === 'results.flushed' || event.type === 'notifications.queued') return;
      if (event.type !== 'config.synced') this.history.dirty = true;
      this.schedule();
    });
    this.refresher = setInterval(() => this.schedule(), this.opts.refreshMs ?? 30_000);
    this.refresher.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.historyTimer) clearTimeout(this.historyTimer);
    if (this.refresher) clearInterval(this.refresher);
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

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, this.opts.debounceMs ?? 50);
  }

  async rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = this.build();
    try {
      await this.building;
    } finally {
      this.building = undefined;
    }
    if (this.again) {
      this.again = false;
      await this.rebuild();
    }
  }

  /** Pages and components come from the catalog: an admin change can add a page or move a component. */
  private refreshMounts(pages: PageConfig[], components: { id: string; group: string | null }[]): void {
    const key = JSON.stringify([pages, components.map((c) => [c.id, c.group ?? undefined])]);
    if (key === this.mountsKey) return;
    this.mountsKey = key;
    this.mounts = buildPageMounts({ title: this.opts.config.title, server: this.opts.config.server, pages, components });
  }

  private async build(): Promise<void> {
    const started = performance.now();
    try {
      const now = this.now();
      const [live, pageRows] = await Promise.all([loadLiveData(this.opts.store, now), this.opts.store.admin.listCatalog('page')]);
      this.refreshMounts(
        pageRows.map((p) => p.config as PageConfig),
        live.components,
      );
      await this.refreshHistory(live, now);
      const data: PublicData = { ...live, history: this.history.map };
      const changed: PageSnapshot[] = [];
      const pages = new Map<string, PageSnapshot>();
      for (const mount of this.mounts.all) {
        const page = new PageSnapshot(mount.key, scopeToMount(data, mount, { description: this.opts.config.description, subscribe: this.opts.config.subscribers.enabled && this.opts.config.subscribers.email !== undefined }), this.opts.renderers);
        pages.set(mount.key, page);
        if (this.pages.get(mount.key)?.token !== page.token) changed.push(page);
      }
      this.pages = pages;
      this.builtAt = now;
      this.lastError = undefined;
      this.lastBuildMs = performance.now() - started;
      if (changed.length > 0) for (const l of this.listeners) l(changed);
    } catch (err) {
      this.lastError = err;
      this.opts.logger.error({ component: 'snapshot', err }, 'rebuilding the public snapshot failed; serving the previous one');
    }
  }

  private async refreshHistory(live: Omit<PublicData, 'history'>, now: number): Promise<void> {
    const age = now - this.history.loadedAt;
    const due = age >= (this.opts.refreshMs ?? 30_000) || (this.history.dirty && age >= (this.opts.historyMinGapMs ?? 5_000));
    if (!due) {
      // come back once the gap has passed, so that the day bars catch up with the change
      if (this.history.dirty && !this.historyTimer) {
        this.historyTimer = setTimeout(() => {
          this.historyTimer = undefined;
          this.schedule();
        }, (this.opts.historyMinGapMs ?? 5_000) - age);
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
    this.history = { map: await loadHistory(this.opts.store, components, live.incidents, live.states, now, this.historyWindows), loadedAt: now, dirty: false };
  }
}
