import { checkFor } from '../../checks/registry.ts';
import type { MaintenanceConfig } from '../../config/schema.ts';
import { maintenanceWindowsAround } from '../../domain/maintenance/maintenance-schedule.ts';
import type { MonitorConfig } from '../../config/monitor-schema.ts';
import type { Incident } from '../../domain/incident.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { MonitorState } from '../../domain/monitor-state.ts';
import type { Store } from '../../store/store.ts';
import type { ComponentHistory, ModelComponent, ModelMonitor } from './status-model.ts';

/** Everything public, for all pages, as read from the store; scoped per page by scopeToMount. */
export interface PublicData {
  builtAt: number;
  components: ModelComponent[];
  monitors: ModelMonitor[];
  states: MonitorState[];
  /** open ones and the most recent others, newest first */
  incidents: Incident[];
  maintenances: MaintenanceWindow[];
  history: Map<string, ComponentHistory>;
}

const RECENT_INCIDENTS = 500;

/** The part that changes with every event: statuses, incidents, monitors. A handful of queries. */
export async function loadLiveData(store: Store, now: number): Promise<Omit<PublicData, 'history'>> {
  const [components, statuses, monitors, states, open, recent, maintenances] = await Promise.all([
    store.listComponents(),
    store.loadComponentStatuses(),
    store.listMonitors(),
    store.loadMonitorStates(),
    store.loadOpenIncidents(),
    store.listIncidents({ limit: RECENT_INCIDENTS }),
    store.admin.listCatalog('maintenance'),
  ]);
  const statusById = new Map(statuses.map((s) => [s.componentId, s]));
  const stateById = new Map(states.map((s) => [s.monitorId, s]));
  const incidents = new Map<string, Incident>();
  for (const i of [...open, ...recent]) incidents.set(i.id, i);
  return {
    builtAt: now,
    components: components
      .sort((a, b) => a.position - b.position)
      .map((c) => {
        const s = statusById.get(c.id);
        return {
          id: c.id,
          name: c.config.name,
          description: c.config.description ?? null,
          group: c.config.group ?? null,
          status: s?.status ?? 'operational',
          position: c.position,
          createdAt: c.createdAt,
          updatedAt: s?.since ?? c.createdAt,
          monitorIds: [...c.config.monitors],
        };
      }),
    monitors: monitors.map((m) => publicMonitor(m.config, stateById.get(m.id))),
    states,
    incidents: [...incidents.values()].sort((a, b) => b.createdAt - a.createdAt),
    maintenances: maintenanceWindowsAround(
      maintenances.map((m) => m.config as MaintenanceConfig),
      now,
    ),
  };
}

function publicMonitor(config: MonitorConfig, state: MonitorState | undefined): ModelMonitor {
  return {
    id: config.id,
    name: config.name,
    type: config.type,
    status: state?.status ?? 'unknown',
    statusSince: state?.statusSince ?? null,
    lastCheckAt: state?.lastCheckAt ?? null,
    lastLatencyMs: state?.lastLatencyMs ?? null,
    lastError: config.public.hide_errors ? null : (state?.lastError ?? null),
    target: config.public.hide_url ? null : checkFor(config).publicTarget(),
  };
}
