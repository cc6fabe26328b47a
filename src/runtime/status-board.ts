import type { ComponentConfig } from '../config/schema.ts';
import type { Incident } from '../domain/incident.ts';
import type { MaintenanceWindow } from '../domain/maintenance-windows.ts';
import { initialMonitorState, type MonitorState } from '../domain/monitor-state.ts';
import type { ComponentStatus } from '../domain/statuses.ts';
import type { LiveMonitor } from './live-monitor.ts';

export interface LiveComponent {
  config: ComponentConfig;
  /** what it shows (monitors, then people: see effectiveComponentStatus) */
  status: ComponentStatus;
  since: number;
  /** what its monitors alone say: automatic incidents follow this, not what people set */
  fromMonitors: ComponentStatus;
}

/**
 * The worker's in-memory truth: monitors with their engine state, components with their status, open incidents.
 * Loaded from the store at start (so a restart resumes), changed only by the result pipeline.
 */
export class StatusBoard {
  readonly monitors = new Map<string, LiveMonitor>();
  readonly states = new Map<string, MonitorState>();
  readonly components = new Map<string, LiveComponent>();
  readonly openIncidents = new Map<string, Incident>();
  maintenances: MaintenanceWindow[] = [];
  /** manual statuses people set, by component id */
  overrides = new Map<string, ComponentStatus>();

  stateOf(monitorId: string): MonitorState {
    return this.states.get(monitorId) ?? initialMonitorState(monitorId);
  }

  componentsOfMonitor(monitorId: string): LiveComponent[] {
    const ids = this.monitors.get(monitorId)?.componentIds ?? [];
    return ids.map((id) => this.components.get(id)).filter((c): c is LiveComponent => c !== undefined);
  }
}
