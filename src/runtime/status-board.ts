import type { ComponentConfig } from '../config/schema.ts';
import type { Incident } from '../domain/incident.ts';
import { maintenanceWindowsAround } from '../domain/maintenance/maintenance-schedule.ts';
import type { MaintenanceWindow } from '../domain/maintenance-windows.ts';
import { initialMonitorState, type MonitorState } from '../domain/monitor-state.ts';
import type { ComponentStatus } from '../domain/statuses.ts';
import type { ComponentStatusRow } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import { compileMonitor, type LiveMonitor } from './live-monitor.ts';
import type { HeldContents } from './pending-batch.ts';

export interface LiveComponent {
  config: ComponentConfig;
  /** what it shows (monitors, then people: see effectiveComponentStatus) */
  status: ComponentStatus;
  since: number;
  /** what its monitors alone say: automatic incidents follow this, not what people set */
  fromMonitors: ComponentStatus;
}

/** What the store remembers of some monitors and components: the board resumes from it. */
export interface StoredBoardState {
  states: readonly MonitorState[];
  statuses: ReadonlyMap<string, ComponentStatusRow>;
  incidents: readonly Incident[];
}

/**
 * The worker's in-memory truth: monitors with their engine state, components with their status, open incidents.
 * Everyone reads it; only its named operations change it (the maps are private, the views read-only), called by
 * the result pipeline (results decided) and the catalog coordinator (catalog applied, lease units taken over,
 * incidents people wrote).
 */
export class StatusBoard {
  private readonly monitorMap = new Map<string, LiveMonitor>();
  private readonly stateMap = new Map<string, MonitorState>();
  private readonly componentMap = new Map<string, LiveComponent>();
  private readonly incidentMap = new Map<string, Incident>();
  private maintenanceList: MaintenanceWindow[] = [];
  /** manual statuses people set, by component id */
  private overrideMap = new Map<string, ComponentStatus>();

  get monitors(): ReadonlyMap<string, LiveMonitor> {
    return this.monitorMap;
  }

  get states(): ReadonlyMap<string, MonitorState> {
    return this.stateMap;
  }

  get components(): ReadonlyMap<string, Readonly<LiveComponent>> {
    return this.componentMap;
  }

  get openIncidents(): ReadonlyMap<string, Incident> {
    return this.incidentMap;
  }

  get maintenances(): readonly MaintenanceWindow[] {
    return this.maintenanceList;
  }

  get overrides(): ReadonlyMap<string, ComponentStatus> {
    return this.overrideMap;
  }

  stateOf(monitorId: string): MonitorState {
    return this.stateMap.get(monitorId) ?? initialMonitorState(monitorId);
  }

  componentsOfMonitor(monitorId: string): Readonly<LiveComponent>[] {
    const ids = this.monitorMap.get(monitorId)?.componentIds ?? [];
    return ids.map((id) => this.componentMap.get(id)).filter((c): c is LiveComponent => c !== undefined);
  }

  /**
   * Make the board match a (re)loaded catalog: monitors compiled anew (their engine state is kept), components added,
   * changed or dropped (a kept component keeps its status until the next refresh), maintenance windows and overrides
   * replaced. A component new to the board starts from `stored` when given.
   */
  applyCatalog(
    catalog: Catalog,
    now: number,
    stored: (componentId: string) => { status: ComponentStatus; since: number } | undefined = () => undefined,
  ): void {
    const componentsOfMonitor = new Map<string, string[]>();
    for (const c of catalog.components)
      for (const m of c.config.monitors) componentsOfMonitor.set(m, [...(componentsOfMonitor.get(m) ?? []), c.id]);
    this.monitorMap.clear();
    for (const m of catalog.monitors)
      this.monitorMap.set(m.id, compileMonitor(m.config, componentsOfMonitor.get(m.id) ?? [], m.managedBy));
    for (const id of this.stateMap.keys()) if (!this.monitorMap.has(id)) this.stateMap.delete(id);

    const wanted = new Set(catalog.components.map((c) => c.id));
    for (const id of this.componentMap.keys()) if (!wanted.has(id)) this.componentMap.delete(id);
    for (const c of catalog.components) {
      const live = this.componentMap.get(c.id);
      if (live) {
        live.config = c.config;
        continue;
      }
      const s = stored(c.id);
      const status = s?.status ?? 'operational';
      this.componentMap.set(c.id, { config: c.config, status, since: s?.since ?? now, fromMonitors: status });
    }
    this.maintenanceList = maintenanceWindowsAround(catalog.maintenances, now);
    this.overrideMap = new Map(catalog.overrides.map((o) => [o.componentId, o.status]));
  }

  /** At start: the catalog, resumed from what the store remembers (engine states, component statuses, open incidents). */
  resume(catalog: Catalog, now: number, stored: StoredBoardState): void {
    for (const incident of stored.incidents) this.incidentMap.set(incident.id, incident);
    this.applyCatalog(catalog, now, (id) => stored.statuses.get(id));
    for (const state of stored.states)
      if (this.monitorMap.has(state.monitorId)) this.stateMap.set(state.monitorId, state);
  }

  /**
   * Lease units gained: what the board had of them (from before another worker held them) is forgotten, and they
   * resume from the store, so there is no spurious transition and no second automatic incident.
   */
  adoptUnits(catalog: Catalog, now: number, added: HeldContents, stored: StoredBoardState): void {
    for (const [id, incident] of this.incidentMap)
      if (incident.componentIds.some((c) => added.componentIds.has(c))) this.incidentMap.delete(id);
    for (const id of added.componentIds) this.componentMap.delete(id);
    this.resume(catalog, now, stored);
  }

  /** The engine's new state of a monitor. */
  recordState(state: MonitorState): void {
    this.stateMap.set(state.monitorId, state);
  }

  /** What a component's monitors alone say now. */
  setFromMonitors(componentId: string, status: ComponentStatus): void {
    const component = this.componentMap.get(componentId);
    if (component) component.fromMonitors = status;
  }

  /** What a component shows now, and since when. */
  showComponentStatus(componentId: string, status: ComponentStatus, since: number): void {
    const component = this.componentMap.get(componentId);
    if (!component) return;
    component.status = status;
    component.since = since;
  }

  /**
   * An incident as it is now (decided by the engine, or written by a person): open ones are kept, a resolved or
   * deleted one (`incident` undefined) leaves. Returns the components it touched before or now (to refresh).
   */
  followIncident(incidentId: string, incident: Incident | undefined): Set<string> {
    const before = this.incidentMap.get(incidentId);
    if (incident && incident.resolvedAt === null) this.incidentMap.set(incidentId, incident);
    else this.incidentMap.delete(incidentId);
    return new Set([...(before?.componentIds ?? []), ...(incident?.componentIds ?? [])]);
  }
}
