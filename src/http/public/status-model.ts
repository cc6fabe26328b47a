import type { Incident } from '../../domain/incident.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { ComponentStatus, MonitorStatus } from '../../domain/statuses.ts';

/** Everything the public side shows, read from the store in one go; rendered into bytes by the snapshot. */
export interface StatusModel {
  page: { id: string; name: string; url: string; description?: string };
  /** ms since epoch of the newest change shown */
  updatedAt: number;
  components: ModelComponent[];
  unresolvedIncidents: Incident[];
  maintenances: MaintenanceWindow[];
  monitors: ModelMonitor[];
  /** ms since epoch when this model was read */
  builtAt: number;
}

export interface ModelComponent {
  id: string;
  name: string;
  description: string | null;
  group: string | null;
  status: ComponentStatus;
  position: number;
  createdAt: number;
  updatedAt: number;
  monitorIds: string[];
}

export interface ModelMonitor {
  id: string;
  name: string;
  type: string;
  status: MonitorStatus;
  statusSince: number | null;
  lastCheckAt: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
}
