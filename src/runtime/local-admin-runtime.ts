import type { AdminRuntime, RunNowResult } from '../admin/admin-runtime.ts';
import type { Bus } from '../bus/bus.ts';
import type { CheckResult } from '../domain/check-result.ts';
import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { DeliveryResult } from '../notify/notifier.ts';
import type { Store } from '../store/store.ts';
import type { BatchWriter } from './batch-writer.ts';
import { loadCatalog, type Catalog } from './catalog.ts';
import { compileMonitor } from './live-monitor.ts';
import { leasedCatalog, contentsOf } from '../scheduler/leases/leased-catalog.ts';
import type { LeaseChange } from '../scheduler/leases/lease-manager.ts';
import { AppliedLeaseUnits, type LeaseUnits } from '../scheduler/leases/lease-units.ts';
import { applyCatalog, storedStateOf } from './load-board.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { NotificationsRuntime } from './notifications-runtime.ts';
import type { PushInbox } from './push-inbox.ts';
import type { ResultPipeline } from './result-pipeline.ts';
import type { StatusBoard } from './status-board.ts';

export interface LocalRuntimeDeps {
  store: Store;
  bus: Bus;
  board: StatusBoard;
  runner: MonitorRunner;
  pipeline: ResultPipeline;
  writer: BatchWriter;
  pushInbox: PushInbox;
  notifications: NotificationsRuntime;
  now(): number;
  /** false on a `web` replica: nothing is scheduled or recorded here, changes reach the workers over the bus */
  checks?: boolean;
  /** where the catalog's lease units are kept when applied (the batch writer's fence reads them too) */
  units?: AppliedLeaseUnits;
}

/**
 * Admin changes applied to this process's worker: the catalog reloaded, incidents re-read, checks run on demand; and,
 * with several workers, the lease units this worker gains or loses (its board holds only the units it owns).
 */
export class LocalAdminRuntime implements AdminRuntime {
  private reloading: Promise<void> | undefined;
  private reloadAgain = false;
  private catalog: Catalog | undefined;
  private readonly applied: AppliedLeaseUnits;
  /** the lease units this worker owns (src/scheduler/leases); absent: every unit */
  private owned: (() => ReadonlySet<string>) | undefined;
  private readonly catalogListeners = new Set<() => void>();

  constructor(private readonly deps: LocalRuntimeDeps) {
    this.applied = deps.units ?? new AppliedLeaseUnits();
  }

  /**
   * With several workers: from now on the board holds only the units `owned` names. Called once, before the first
   * catalog is applied (the lease rounds that own them are made after this runtime, as they ask it for the units).
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

  /** Reloads are serialised; changes arriving during one are folded into one more. Other replicas are told. */
  catalogChanged(): Promise<void> {
    return this.reloadSerially(true);
  }

  /** Subscribe to what other replicas change: the catalog reloaded, a person's incident re-read (nothing republished). */
  listen(): () => void {
    return this.deps.bus.subscribe((event) => {
      if (event.type === 'catalog.changed') void this.reloadSerially(false).catch(() => undefined);
      if (event.type === 'incident.changed') void this.incidentReloaded(event.incidentId).catch(() => undefined);
      // another worker's automatic incidents: followed only once a person took one over (incidentReloaded says)
      if (event.type === 'batch.committed') for (const i of event.incidents) void this.incidentReloaded(i.id).catch(() => undefined);
    });
  }

  private async reloadSerially(publish: boolean): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      await this.reloading;
      return;
    }
    this.reloading = this.reload(publish);
    try {
      await this.reloading;
    } finally {
      this.reloading = undefined;
    }
    if (this.reloadAgain) {
      this.reloadAgain = false;
      await this.reloadSerially(false);
    }
  }

  applyCatalog(catalog: Catalog): void {
    const { pushInbox } = this.deps;
    this.catalog = catalog;
    this.applied.apply(catalog);
    applyCatalog(this.deps.board, this.view(), this.deps.now());
    pushInbox.setTokens(catalog.monitors.flatMap((m) => (m.config.type === 'push' ? [[m.config.token, m.id] as [string, string]] : [])));
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
      runner.setMonitors([...board.monitors.values()].filter((m) => !gone.monitorIds.has(m.config.id)), (id) => board.stateOf(id).lastCheckAt);
      await runner.settled(gone.monitorIds);
      applyCatalog(board, this.view(), now());
      await writer.flush();
    }
    if (change.added.length > 0) {
      const added = contentsOf(this.leaseUnits, change.added);
      const stored = await storedStateOf(store, added);
      for (const [id, incident] of board.openIncidents) if (incident.componentIds.some((c) => added.componentIds.has(c))) board.openIncidents.delete(id);
      for (const incident of stored.incidents) board.openIncidents.set(incident.id, incident);
      for (const id of added.componentIds) board.components.delete(id);
      applyCatalog(board, this.view(), now(), (id) => stored.statuses.get(id));
      for (const state of stored.states) if (board.monitors.has(state.monitorId)) board.states.set(state.monitorId, state);
      this.schedule();
      pipeline.refreshComponents(added.componentIds);
    }
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

  private async reload(publish: boolean): Promise<void> {
    this.applyCatalog(await loadCatalog(this.deps.store));
    if (publish) await this.deps.bus.publish({ type: 'catalog.changed', at: this.deps.now() });
  }

  /** Another replica changed an incident: follow what people wrote (the engine's own automatic incidents stay as the board has them). */
  private async incidentReloaded(incidentId: string): Promise<void> {
    const { store, board, pipeline, writer } = this.deps;
    if (!this.checks || writer.pending.incidents.has(incidentId)) return;
    const incident = await store.getIncident(incidentId);
    // the engine's own incidents are decided on the board (a read racing its next flush could be older)
    if (writer.pending.incidents.has(incidentId) || (incident?.source === 'auto' && !incident.takenOverBy)) return;
    const before = board.openIncidents.get(incidentId);
    if (incident && incident.resolvedAt === null) board.openIncidents.set(incidentId, incident);
    else board.openIncidents.delete(incidentId);
    pipeline.refreshComponents(new Set([...(before?.componentIds ?? []), ...(incident?.componentIds ?? [])]));
  }

  async incidentChanged(incidentId: string): Promise<void> {
    const { store, board, pipeline, writer, bus, now } = this.deps;
    const incident = await store.getIncident(incidentId);
    const before = board.openIncidents.get(incidentId);
    // what a person wrote wins over an automatic change still waiting to be written
    writer.pending.incidents.delete(incidentId);
    if (incident && incident.resolvedAt === null) board.openIncidents.set(incidentId, incident);
    else board.openIncidents.delete(incidentId);
    if (this.checks) pipeline.refreshComponents(new Set([...(before?.componentIds ?? []), ...(incident?.componentIds ?? [])]));
    await bus.publish({ type: 'incident.changed', incidentId, status: incident?.status ?? 'resolved', at: now() });
    this.deps.notifications.worker.wake();
  }

  testChannel(config: ChannelConfig, origin: 'config' | 'api'): Promise<DeliveryResult> {
    return this.deps.notifications.testChannel(config, origin);
  }

  async deliveriesQueued(): Promise<void> {
    this.deps.notifications.worker.wake();
  }

  /** Recorded when this worker owns the monitor; elsewhere (a web replica, another worker's unit) only run and returned. */
  async runMonitorNow(monitorId: string): Promise<RunNowResult | null> {
    const owned = this.checks ? this.deps.board.monitors.get(monitorId) : undefined;
    const stored = this.catalog?.monitors.find((m) => m.id === monitorId);
    const monitor = owned ?? (stored && compileMonitor(stored.config, [], stored.managedBy));
    if (!monitor || !monitor.config.enabled || monitor.config.type === 'push') return null;
    const result = owned ? await this.deps.runner.runOnce(monitor) : await this.deps.runner.check(monitor);
    return result && runNowResult(result);
  }

  async testMonitor(config: Parameters<AdminRuntime['testMonitor']>[0], origin: 'config' | 'api'): Promise<RunNowResult | null> {
    if (config.type === 'push') return null;
    const result = await this.deps.runner.check(compileMonitor(config, [], origin));
    return result && runNowResult(result);
  }
}

function runNowResult(r: CheckResult): RunNowResult {
  return {
    monitorId: r.monitorId,
    ok: r.ok,
    degraded: r.degraded,
    latencyMs: Math.round(r.latencyMs * 10) / 10,
    statusCode: r.statusCode ?? null,
    error: r.ok ? null : (r.error ?? 'failed'),
    startedAt: r.startedAt,
    details: { conditions: r.conditionResults ?? [], probe: r.probe ?? null },
  };
}
