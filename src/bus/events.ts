import type { ComponentStatus, IncidentStatus, MonitorStatus } from '../domain/statuses.ts';

/**
 * What changed, published after the change is committed. Subscribers re-read what they need.
 * The result pipeline records monitor.status, component.status, incident.changed and notifications.queued in its
 * pending batch; the batch writer publishes them folded into one batch.committed per commit (batch-committed.ts).
 */
export type PharosEvent =
  | { type: 'monitor.status'; monitorId: string; from: MonitorStatus; to: MonitorStatus; at: number }
  | { type: 'component.status'; componentId: string; from: ComponentStatus; to: ComponentStatus; at: number }
  | { type: 'incident.changed'; incidentId: string; status: IncidentStatus; at: number }
  | BatchCommittedEvent
  | { type: 'config.synced'; at: number }
  /** monitors, components, groups, pages, maintenances or manual statuses changed through the admin API */
  | { type: 'catalog.changed'; at: number }
  /** a push arrived at a replica that does not check its monitor: the worker that owns it records it */
  | { type: 'monitor.pushed'; monitorId: string; status: 'up' | 'down'; msg?: string; pingMs?: number; at: number }
  /** "run check now" reached a replica that does not check the monitor: the worker that owns it runs it */
  | { type: 'monitor.run_requested'; requestId: string; monitorId: string; at: number }
  /** the owner's answer to monitor.run_requested (`result` null: paused, or a push monitor) */
  | { type: 'monitor.run_answered'; requestId: string; monitorId: string; result: RunNowAnswer | null; at: number }
  /** notification outbox rows were committed: the sender should look now */
  | { type: 'notifications.queued'; count: number; at: number };

export type EventType = PharosEvent['type'];

/** A check's outcome as "run check now" returns it (src/admin/admin-runtime.ts RunNowResult), small enough for one bus message. */
export interface RunNowAnswer {
  monitorId: string;
  ok: boolean;
  degraded: boolean;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  startedAt: number;
  details: unknown;
}

/**
 * One committed batch: how many results and notification rows, and the monitors, components and incidents whose
 * status changed. The lists are cut to fit one bus message (a PostgreSQL NOTIFY holds 8,000 bytes): `more` says
 * some were left out, and a subscriber that needs them re-reads everything.
 */
export interface BatchCommittedEvent {
  type: 'batch.committed';
  at: number;
  results: number;
  notifications: number;
  monitors: string[];
  components: string[];
  incidents: { id: string; status: IncidentStatus }[];
  more?: true;
}
