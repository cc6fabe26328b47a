import { maintenanceWindowsAround } from '../domain/maintenance/maintenance-schedule.ts';
import type { Incident } from '../domain/incident.ts';
import type { MonitorState } from '../domain/monitor-state.ts';
import type { ComponentStatus } from '../domain/statuses.ts';
import type { ComponentStatusRow, Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import { compileMonitor } from './live-monitor.ts';
import { StatusBoard } from './status-board.ts';

/** Build the worker's board from the catalog and what the store remembers (states, component statuses, open incidents). */
export async function loadBoard(store: Store, catalog: Catalog, now: number): Promise<StatusBoard> {
  const board = new StatusBoard();
  const [states, statuses, incidents] = await Promise.all([store.loadMonitorStates(), store.loadComponentStatuses(), store.loadOpenIncidents()]);
  for (const i of incidents) board.openIncidents.set(i.id, i);
  const statusById = new Map(statuses.map((s) => [s.componentId, s]));
  applyCatalog(board, catalog, now, (id) => statusById.get(id));
  for (const s of states) if (board.monitors.has(s.monitorId)) board.states.set(s.monitorId, s);
  return board;
}

/** What the store remembers of some monitors and components: a worker taking them over resumes from it. */
export async function storedStateOf(
  store: Store,
  of: { monitorIds: ReadonlySet<string>; componentIds: ReadonlySet<string> },
): Promise<{ states: MonitorState[]; statuses: Map<string, ComponentStatusRow>; incidents: Incident[] }> {
  const [states, statuses, incidents] = await Promise.all([store.loadMonitorStates(), store.loadComponentStatuses(), store.loadOpenIncidents()]);
  return {
    states: states.filter((s) => of.monitorIds.has(s.monitorId)),
    statuses: new Map(statuses.filter((s) => of.componentIds.has(s.componentId)).map((s) => [s.componentId, s])),
    incidents: incidents.filter((i) => i.componentIds.some((c) => of.componentIds.has(c))),
  };
}

/**
 * Make the board match a (re)loaded catalog: monitors compiled anew (their engine state is kept), components added,
 * changed or dropped (a kept component keeps its status until the next refresh), maintenance windows and overrides replaced.
 */
export function applyCatalog(board: StatusBoard, catalog: Catalog, now: number, stored: (componentId: string) => { status: ComponentStatus; since: number } | undefined = () => undefined): void {
  const componentsOfMonitor = new Map<string, string[]>();
  for (const c of catalog.components) for (const m of c.config.monitors) componentsOfMonitor.set(m, [...(componentsOfMonitor.get(m) ?? []), c.id]);
  board.monitors.clear();
  for (const m of catalog.monitors) board.monitors.set(m.id, compileMonitor(m.config, componentsOfMonitor.get(m.id) ?? [], m.managedBy));
  for (const id of board.states.keys()) if (!board.monitors.has(id)) board.states.delete(id);

  const wanted = new Set(catalog.components.map((c) => c.id));
  for (const id of board.components.keys()) if (!wanted.has(id)) board.components.delete(id);
  for (const c of catalog.components) {
    const live = board.components.get(c.id);
    if (live) {
      live.config = c.config;
      continue;
    }
    const s = stored(c.id);
    const status = s?.status ?? 'operational';
    board.components.set(c.id, { config: c.config, status, since: s?.since ?? now, fromMonitors: status });
  }
  board.maintenances = maintenanceWindowsAround(catalog.maintenances, now);
  board.overrides = new Map(catalog.overrides.map((o) => [o.componentId, o.status]));
}
