import type { Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import type { HeldContents } from './pending-batch.ts';
import { StatusBoard, type StoredBoardState } from './status-board.ts';

/** Build the worker's board from the catalog and what the store remembers (states, component statuses, open incidents). */
export async function loadBoard(store: Store, catalog: Catalog, now: number): Promise<StatusBoard> {
  const board = new StatusBoard();
  const [states, statuses, incidents] = await Promise.all([
    store.loadMonitorStates(),
    store.loadComponentStatuses(),
    store.loadOpenIncidents(),
  ]);
  board.resume(catalog, now, { states, statuses: new Map(statuses.map((s) => [s.componentId, s])), incidents });
  return board;
}

/** What the store remembers of some monitors and components: a worker taking them over resumes from it. */
export async function storedStateOf(store: Store, of: HeldContents): Promise<StoredBoardState> {
  const [states, statuses, incidents] = await Promise.all([
    store.loadMonitorStates(),
    store.loadComponentStatuses(),
    store.loadOpenIncidents(),
  ]);
  return {
    states: states.filter((s) => of.monitorIds.has(s.monitorId)),
    statuses: new Map(statuses.filter((s) => of.componentIds.has(s.componentId)).map((s) => [s.componentId, s])),
    incidents: incidents.filter((i) => i.componentIds.some((c) => of.componentIds.has(c))),
  };
}
