import type { ComponentStatus, IncidentStatus, MonitorStatus } from '../domain/statuses.ts';

/** What changed, published after the change is committed. Subscribers re-read what they need. */
export type PharosEvent =
  | { type: 'monitor.status'; monitorId: string; from: MonitorStatus; to: MonitorStatus; at: number }
  | { type: 'component.status'; componentId: string; from: ComponentStatus; to: ComponentStatus; at: number }
  | { type: 'incident.changed'; incidentId: string; status: IncidentStatus; at: number }
  | { type: 'results.flushed'; count: number; at: number }
  | { type: 'config.synced'; at: number }
  /** monitors, components, groups, pages, maintenances or manual statuses changed through the admin API */
  | { type: 'catalog.changed'; at: number }
  /** a push arrived at a replica that does not check its monitor: the worker that owns it records it */
  | { type: 'monitor.pushed'; monitorId: string; status: 'up' | 'down'; msg?: string; pingMs?: number; at: number }
  /** notification outbox rows were committed: the sender should look now */
  | { type: 'notifications.queued'; count: number; at: number };

export type EventType = PharosEvent['type'];
