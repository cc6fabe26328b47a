import type { StatusChange } from '../../domain/monitor-state.ts';
import type { ComponentStatus } from '../../domain/statuses.ts';
import type { NotificationEvent } from '../notification-event.ts';

export interface EventLinks {
  /** the public page, no trailing slash */
  pageUrl: string;
  /** the admin UI, no trailing slash */
  adminUrl: string;
}

export interface MonitorFacts {
  id: string;
  name: string;
  lastError: string | null;
  /** when the monitor entered the status it is leaving (for the downtime of a recovery) */
  previousSince: number | null;
  components: { id: string; name: string; status: ComponentStatus }[];
}

/**
 * The notification for a monitor's status change, or null when there is nothing to tell: going into maintenance,
 * coming out of it (or out of unknown) healthy, and any change while its components are under maintenance.
 */
export function monitorChangeEvent(
  change: StatusChange,
  monitor: MonitorFacts,
  links: EventLinks,
): NotificationEvent | null {
  const type =
    change.to === 'down'
      ? 'monitor.down'
      : change.to === 'degraded'
        ? 'monitor.degraded'
        : change.to === 'up' && (change.from === 'down' || change.from === 'degraded')
          ? 'monitor.up'
          : null;
  if (!type) return null;
  if (monitor.components.length > 0 && monitor.components.every((c) => c.status === 'under_maintenance')) return null;
  return {
    id: `mon:${monitor.id}:${change.at}:${change.to}`,
    type,
    at: change.at,
    pageUrl: links.pageUrl,
    components: monitor.components,
    monitor: {
      id: monitor.id,
      name: monitor.name,
      status: change.to,
      previousStatus: change.from,
      since: change.at,
      lastError: change.to === 'up' ? null : (change.reason ?? monitor.lastError),
      ...(type === 'monitor.up' && monitor.previousSince !== null
        ? { downtimeMs: change.at - monitor.previousSince }
        : {}),
      url: `${links.adminUrl}/monitors/${encodeURIComponent(monitor.id)}`,
    },
  };
}

/** The Nth reminder that a monitor is still down (its id is stable per outage and N, so it is queued once). */
export function reminderEvent(
  monitor: MonitorFacts & { since: number },
  n: number,
  now: number,
  links: EventLinks,
): NotificationEvent {
  return {
    id: `mon:${monitor.id}:${monitor.since}:down:reminder:${n}`,
    type: 'monitor.down',
    at: now,
    pageUrl: links.pageUrl,
    components: monitor.components,
    reminder: n,
    monitor: {
      id: monitor.id,
      name: monitor.name,
      status: 'down',
      previousStatus: 'down',
      since: monitor.since,
      lastError: monitor.lastError,
      url: `${links.adminUrl}/monitors/${encodeURIComponent(monitor.id)}`,
    },
  };
}
