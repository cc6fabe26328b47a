import type { MaintenanceConfig } from '../../config/schema.ts';
import { maintenanceWindowsAround } from '../../domain/maintenance/maintenance-schedule.ts';
import type { Incident } from '../../domain/incident.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { MonitorState } from '../../domain/monitor-state.ts';
import { shownComponentStatus } from '../../domain/shown-component-status.ts';
import type { Store } from '../../store/store.ts';
import { loadPublicCatalog, type CatalogMonitor, type PublicCatalog } from './public-catalog.ts';
import type { ComponentHistory, ModelComponent, ModelMonitor } from './status-model.ts';

/** Everything public, for all pages, as read from the store; scoped per page by scopeToMount. */
export interface PublicData {
  builtAt: number;
  components: ModelComponent[];
  /** the monitors of components (the others are on no page) */
  monitors: ModelMonitor[];
  /** at least those of the components' monitors */
  states: MonitorState[];
  /** open ones and the most recent others, newest first */
  incidents: Incident[];
  maintenances: MaintenanceWindow[];
  history: Map<string, ComponentHistory>;
}

const RECENT_INCIDENTS = 500;

/**
 * The part that changes with every event: statuses, incidents, monitor states; the catalog (monitors, components,
 * pages) as already parsed. Without `catalog`, it is read from the store too; without `states`, the monitors' states
 * are (a process that checks every monitor passes its in-memory states instead).
 */
export async function loadLiveData(
  store: Store,
  now: number,
  catalog?: PublicCatalog,
  states?: ReadonlyMap<string, MonitorState>,
): Promise<Omit<PublicData, 'history'>> {
  const [cat, statuses, stateRows, open, recent] = await Promise.all([
    catalog ?? loadPublicCatalog(store),
    store.loadComponentStatuses(),
    states ? undefined : store.loadMonitorStates(),
    store.loadOpenIncidents(),
    store.listIncidents({ limit: RECENT_INCIDENTS }),
  ]);
  const stateById = states ?? new Map(stateRows!.map((s) => [s.monitorId, s]));
  const { shown, shownIds } = shownMonitorsOf(cat);
  const statusById = new Map(statuses.map((s) => [s.componentId, s]));
  const incidents = new Map<string, Incident>();
  for (const i of [...open, ...recent]) incidents.set(i.id, i);
  return {
    builtAt: now,
    components: cat.components.map((c) => {
      const s = statusById.get(c.id);
      const status = s?.status ?? 'operational';
      const monitorStatuses = c.monitorIds.map((id) => stateById.get(id)?.status ?? 'unknown');
      return {
        ...c,
        monitorIds: [...c.monitorIds],
        status,
        updatedAt: s?.since ?? c.createdAt,
        ...(shownComponentStatus(status, monitorStatuses) === 'unknown' && { noData: true }),
      };
    }),
    monitors: shown.map((m) => publicMonitor(m, stateById.get(m.id))),
    states: stateRows ?? shownIds.flatMap((id) => stateById.get(id) ?? []),
    incidents: [...incidents.values()].sort((a, b) => b.createdAt - a.createdAt),
    maintenances: maintenanceWindowsAround(cat.maintenances as MaintenanceConfig[], now),
  };
}

const shownByCatalog = new WeakMap<PublicCatalog, { shown: CatalogMonitor[]; shownIds: string[] }>();

/**
 * Only a component's monitors can be shown: with many lone monitors, most of the catalog. Worked out once per parsed
 * catalog (a rebuild reuses it until the catalog changes), not on every rebuild.
 */
function shownMonitorsOf(cat: PublicCatalog): { shown: CatalogMonitor[]; shownIds: string[] } {
  let known = shownByCatalog.get(cat);
  if (!known) {
    const inComponents = new Set(cat.components.flatMap((c) => c.monitorIds));
    known = { shown: cat.monitors.filter((m) => inComponents.has(m.id)), shownIds: [...inComponents] };
    shownByCatalog.set(cat, known);
  }
  return known;
}

function publicMonitor(m: CatalogMonitor, state: MonitorState | undefined): ModelMonitor {
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    status: state?.status ?? 'unknown',
    statusSince: state?.statusSince ?? null,
    lastCheckAt: state?.lastCheckAt ?? null,
    lastLatencyMs: state?.lastLatencyMs ?? null,
    lastError: m.hideErrors ? null : (state?.lastError ?? null),
    target: m.target,
  };
}
