import type { PharosConfig } from '../../config/schema.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { Store } from '../../store/store.ts';
import { stableId } from './statuspage/stable-id.ts';
import type { StatusModel } from './status-model.ts';

/** Read what the public side shows from the store (a handful of queries; run on change, never per request). */
export async function loadStatusModel(store: Store, config: PharosConfig, now: number): Promise<StatusModel> {
  const [components, statuses, monitors, states, incidents] = await Promise.all([
    store.listComponents(),
    store.loadComponentStatuses(),
    store.listMonitors(),
    store.loadMonitorStates(),
    store.loadOpenIncidents(),
  ]);
  const statusById = new Map(statuses.map((s) => [s.componentId, s]));
  const stateById = new Map(states.map((s) => [s.monitorId, s]));
  const url = (config.server.base_url ?? `http://localhost:${config.server.port}`).replace(/\/$/, '');
  const modelComponents = components
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
    });
  const updatedAt = Math.max(0, ...modelComponents.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt));
  return {
    page: {
      id: stableId('page', url),
      slug: '',
      name: config.title,
      url,
      basePath: '',
      description: config.description ?? null,
      logo: null,
      favicon: null,
      colors: { brand: '#0969da', operational: '#1a7f37', degraded: '#9a6700', partial: '#bc4c00', major: '#cf222e', maintenance: '#0969da' },
      customCss: null,
      footer: [],
    },
    updatedAt: updatedAt || now,
    components: modelComponents,
    incidents: incidents.sort((a, b) => b.createdAt - a.createdAt),
    history: new Map(),
    maintenances: maintenanceWindowsOf(config),
    monitors: monitors.map((m) => {
      const st = stateById.get(m.id);
      return {
        id: m.id,
        name: m.config.name,
        type: m.config.type,
        status: st?.status ?? 'unknown',
        statusSince: st?.statusSince ?? null,
        lastCheckAt: st?.lastCheckAt ?? null,
        lastLatencyMs: st?.lastLatencyMs ?? null,
        lastError: st?.lastError ?? null,
        target: null,
      };
    }),
    builtAt: now,
  };
}

export function maintenanceWindowsOf(config: PharosConfig): MaintenanceWindow[] {
  return config.maintenances.map((m) => ({
    id: m.id,
    title: m.title,
    body: m.body,
    start: Date.parse(m.start),
    end: Date.parse(m.end),
    componentIds: m.components,
  }));
}
