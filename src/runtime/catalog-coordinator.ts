import type { Bus } from '../bus/bus.ts';
import type { Incident } from '../domain/incident.ts';
import { contentsOf, leasedCatalog } from '../scheduler/leases/leased-catalog.ts';
import type { LeaseChange } from '../scheduler/leases/lease-manager.ts';
import { AppliedLeaseUnits, type LeaseUnits } from '../scheduler/leases/lease-units.ts';
import type { Store } from '../store/store.ts';
import type { BatchWriter } from './batch-writer.ts';
import { loadCatalog, type Catalog } from './catalog.ts';
import { storedStateOf } from './load-board.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { NotificationsRuntime } from './notifications-runtime.ts';
import type { PushInbox } from './push-inbox.ts';
import type { ResultPipeline } from './result-pipeline.ts';
import type { StatusBoard } from './status-board.ts';

export interface CatalogCoordinatorDeps {
  store: Store;
  bus: Bus;
  board: StatusBoard;
  runner: MonitorRunner;
  pipeline: ResultPipeline;
  writer: Pick<BatchWriter, 'stage' | 'staged' | 'flush'>;
  pushInbox: PushInbox;
  notifications: Pick<NotificationsRuntime, 'setCatalog' | 'router'>;
  now(): number;
  /** false on a `web` replica: nothing is scheduled or recorded here, changes reach the workers over the bus */
  checks?: boolean;
  /** where the catalog's lease units are kept when applied (the batch writer's fence reads them too) */
  units?: AppliedLeaseUnits;
}

/**
 * The worker's catalog and lease units: the catalog (re)loaded and applied to the board, the scheduler, the push
 * tokens and the notification targets; with several workers, the lease units this worker gains or loses (its board
 * holds only the units it owns); and what other replicas change, followed over the bus.
 */
export class CatalogCoordinator {
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;
  private catalog: Catalog | undefined;
  private readonly applied: AppliedLeaseUnits;
  /** the lease units this worker owns (src/scheduler/leases); absent: every unit */
  private owned: (() => ReadonlySet<string>) | undefined;
  private readonly catalogListeners = new Set<() => void>();

  constructor(private readonly deps: CatalogCoordinatorDeps) {
    this.applied = deps.units ?? new AppliedLeaseUnits();
  }

  /**
   * With several workers: from now on the board holds only the units `owned` names. Called once, before the first
   * catalog is applied (the lease rounds that own them are made after this coordinator, as they ask it for the units).
   */
  shareByLease(owned: () => ReadonlySet<string>): void {
    this.owned = owned;
  }

  private get leaseUnits(): LeaseUnits {
    return this.applied.current;
  }

  /** The whole catalog as last applied (every worker's), a new object after each reload. */
  get currentCatalog(): Catalog | undefined {
    return this.catalog;
  }

  /** Told after each catalog is applied (the public snapshot rebuilds from it, without reading it again). */
  onCatalogApplied(listener: () => void): () => void {
    this.catalogListeners.add(listener);
    return () => this.catalogListeners.delete(listener);
  }

  /** The lease units of the catalog as last applied (what the workers share). */
  get units(): readonly string[] {
    return this.leaseUnits.units;
  }

  /** Monitors in the catalog as last applied (every worker's, not only this one's). */
  get monitorCount(): number {
    return this.catalog?.monitors.length ?? 0;
  }

  /** The lease units of the catalog as last applied, with what each holds. */
  get unitContents(): LeaseUnits {
    return this.leaseUnits;
  }

  /**
   * Read the catalog from the store and apply it; `publish` tells the other replicas. Reloads are serialised;
   * changes arriving during one are folded into one more.
   */
  async reload(publish: boolean): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      await this.reloading;
      return;
    }
    this.reloading = this.loadAndApply(publish);
    try {
      await this.reloading;
    } finally {
      this.reloading = undefined;
    }
    if (this.reloadAgain) {
      this.reloadAgain = false;
      await this.reload(false);
    }
  }

  /** Subscribe to what other replicas change: the catalog reloaded, a person's incident re-read (nothing republished). */
  listen(): () => void {
    return this.deps.bus.subscribe((event) => {
      if (event.type === 'catalog.changed') void this.reload(false).catch(() => undefined);
      if (event.type === 'incident.changed') void this.incidentReloaded(event.incidentId).catch(() => undefined);
      // another worker's automatic incidents: followed only once a person took one over (incidentReloaded says)
      if (event.type === 'batch.committed')
        for (const i of event.incidents) void this.incidentReloaded(i.id).catch(() => undefined);
    });
  }

  applyCatalog(catalog: Catalog): void {
    const { pushInbox, board, now } = this.deps;
    this.catalog = catalog;
    this.applied.apply(catalog);
    board.applyCatalog(this.view(), now());
    pushInbox.setTokens(
      catalog.monitors.flatMap((m) => (m.config.type === 'push' ? [[m.config.token, m.id] as [string, string]] : [])),
    );
    this.deps.notifications.setCatalog(catalog);
    this.schedule();
    if (this.checks) this.deps.pipeline.refreshAllComponents();
    for (const listener of this.catalogListeners) listener();
  }

  /**
   * Lease units gained or lost. A lost unit is unscheduled, its checks in flight finish and are recorded, then it
   * leaves the board and the batch is flushed (before the lease is released, so the next owner reads its last state).
   * A gained unit resumes from the store (engine states, component statuses, open incidents) before it is scheduled:
   * no spurious transition, no second automatic incident.
   */
  async unitsChanged(change: LeaseChange): Promise<void> {
    const { board, runner, writer, store, pipeline, now } = this.deps;
    if (!this.catalog) return;
    if (change.removed.length > 0) {
      const gone = contentsOf(this.leaseUnits, change.removed);
      runner.setMonitors(
        [...board.monitors.values()].filter((m) => !gone.monitorIds.has(m.config.id)),
        (id) => board.stateOf(id).lastCheckAt,
      );
      await runner.settled(gone.monitorIds);
      board.applyCatalog(this.view(), now());
      await writer.flush();
    }
    if (change.added.length > 0) {
      const added = contentsOf(this.leaseUnits, change.added);
      const [stored, marks] = await Promise.all([
        storedStateOf(store, added),
        store.shared.noticeMarks([...added.monitorIds]),
      ]);
      // the marks with the states, in one turn: no reminder round between them repeats what the old owner queued
      board.adoptUnits(this.view(), now(), added, stored);
      this.deps.notifications.router.rememberMarks(marks);
      this.schedule();
      await this.loadPushes([...added.monitorIds]);
      pipeline.refreshComponents(added.componentIds);
    }
  }

  /**
   * What the store keeps of these monitors (default: every one on the board) beyond their engine state: the last
   * pushes of push monitors (a push that reached another replica, or this worker before a restart, counts from when
   * it arrived) and the notices already queued (reminder counts, certificate warnings).
   */
  async loadShared(monitorIds: Iterable<string> = this.deps.board.monitors.keys()): Promise<void> {
    const ids = [...monitorIds];
    this.deps.notifications.router.rememberMarks(await this.deps.store.shared.noticeMarks(ids));
    await this.loadPushes(ids);
  }

  private async loadPushes(ids: readonly string[]): Promise<void> {
    const { board, store, pushInbox, runner } = this.deps;
    const pushIds = ids.filter((id) => board.monitors.get(id)?.config.type === 'push');
    if (pushIds.length === 0) return;
    for (const id of pushInbox.load(await store.shared.lastPushes(pushIds))) runner.pushReceived(id);
  }

  /**
   * A person wrote an incident in this process: the board follows what is stored (it wins over an automatic change
   * still waiting to be written). Returns the incident as stored (undefined: deleted).
   */
  async followWrittenIncident(incidentId: string): Promise<Incident | undefined> {
    const { store, board, pipeline, writer } = this.deps;
    const incident = await store.getIncident(incidentId);
    writer.stage((batch) => batch.incidents.delete(incidentId));
    const touched = board.followIncident(incidentId, incident);
    if (this.checks) pipeline.refreshComponents(touched);
    return incident;
  }

  private get checks(): boolean {
    return this.deps.checks ?? true;
  }

  private view(): Catalog {
    const catalog = this.catalog as Catalog;
    const owned = this.owned?.();
    return owned ? leasedCatalog(catalog, this.leaseUnits, owned) : catalog;
  }

  private schedule(): void {
    const { board, runner } = this.deps;
    if (this.checks) runner.setMonitors(board.monitors.values(), (id) => board.stateOf(id).lastCheckAt);
  }

  private async loadAndApply(publish: boolean): Promise<void> {
    this.applyCatalog(await loadCatalog(this.deps.store));
    if (publish) await this.deps.bus.publish({ type: 'catalog.changed', at: this.deps.now() });
  }

  /** Another replica changed an incident: follow what people wrote (the engine's own automatic incidents stay as the board has them). */
  private async incidentReloaded(incidentId: string): Promise<void> {
    const { store, board, pipeline, writer } = this.deps;
    if (!this.checks || writer.staged.incidents.has(incidentId)) return;
    const incident = await store.getIncident(incidentId);
    // the engine's own incidents are decided on the board (a read racing its next flush could be older)
    if (writer.staged.incidents.has(incidentId) || (incident?.source === 'auto' && !incident.takenOverBy)) return;
    pipeline.refreshComponents(board.followIncident(incidentId, incident));
  }
}
