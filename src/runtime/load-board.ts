import type { PharosConfig } from '../config/schema.ts';
import type { Store } from '../store/store.ts';
import { maintenanceWindowsOf } from '../http/public/public-data.ts';
import { compileMonitor } from './live-monitor.ts';
import { StatusBoard } from './status-board.ts';

/** Build the worker's board from the config and what the store remembers (states, component statuses, open incidents). */
export async function loadBoard(store: Store, config: PharosConfig, now: number): Promise<StatusBoard> {
  const board = new StatusBoard();
  const componentsOfMonitor = new Map<string, string[]>();
  for (const c of config.components) for (const m of c.monitors) componentsOfMonitor.set(m, [...(componentsOfMonitor.get(m) ?? []), c.id]);
  for (const m of config.monitors) board.monitors.set(m.id, compileMonitor(m, componentsOfMonitor.get(m.id) ?? []));

  const [states, statuses, incidents] = await Promise.all([store.loadMonitorStates(), store.loadComponentStatuses(), store.loadOpenIncidents()]);
  for (const s of states) if (board.monitors.has(s.monitorId)) board.states.set(s.monitorId, s);
  const statusById = new Map(statuses.map((s) => [s.componentId, s]));
  for (const c of config.components) {
    const stored = statusById.get(c.id);
    board.components.set(c.id, { config: c, status: stored?.status ?? 'operational', since: stored?.since ?? now });
  }
  for (const i of incidents) board.openIncidents.set(i.id, i);
  board.maintenances = maintenanceWindowsOf(config);
  return board;
}
