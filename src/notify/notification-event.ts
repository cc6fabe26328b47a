import type {
  ComponentStatus,
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  MonitorStatus,
} from '../domain/statuses.ts';

/** Everything Pharos tells people about. Each tuple feeds the TypeScript type, the zod enum and the config's `events:`. */
export const NOTIFICATION_EVENT_TYPES = [
  'monitor.down',
  'monitor.up',
  'monitor.degraded',
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.completed',
  'certificate.expiring',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/**
 * Every type a message can have: the routed ones above, and `test`, which only a channel's "Send test" sends (never
 * routed, never paged: each notifier says in its own words that it is a test).
 */
export const SENT_EVENT_TYPES = [...NOTIFICATION_EVENT_TYPES, 'test'] as const;
export type SentEventType = (typeof SENT_EVENT_TYPES)[number];

/** Days before a certificate expires at which Pharos warns, once each. */
export const CERTIFICATE_WARNING_DAYS = [30, 14, 7, 1] as const;

/**
 * One thing that happened, with everything a message needs, so that a notifier never reads the store.
 * Written into the outbox in the same transaction as the change that caused it.
 */
export interface NotificationEvent {
  /** stable for this occurrence: with the channel id, the idempotency key of every delivery of it */
  id: string;
  type: SentEventType;
  /** ms since epoch */
  at: number;
  /** the public status page, no trailing slash */
  pageUrl: string;
  /** the components it concerns (filters route on them) */
  components: { id: string; name: string; status: ComponentStatus }[];
  monitor?: {
    id: string;
    name: string;
    status: MonitorStatus;
    previousStatus: MonitorStatus;
    /** since when it is in `status` (ms) */
    since: number;
    lastError: string | null;
    /** for monitor.up: how long it was down or degraded (ms) */
    downtimeMs?: number;
    /** the admin page of the monitor */
    url: string;
  };
  incident?: {
    id: string;
    name: string;
    status: IncidentStatus;
    impact: IncidentImpact;
    /** the latest update's Markdown body */
    body: string;
    createdAt: number;
    resolvedAt: number | null;
    /** the public incident page */
    url: string;
  };
  maintenance?: {
    id: string;
    title: string;
    body: string;
    status: MaintenanceStatus;
    start: number;
    end: number;
    url: string;
  };
  certificate?: { monitorId: string; monitorName: string; host: string; daysLeft: number; expiresAt: number };
  /** a digest: many events coalesced into this one message (then `type` is the first one's) */
  digest?: NotificationEvent[];
  /** for `test`: the channel it was sent to, and who asked */
  test?: { channelId: string; requestedBy: string | null };
  /** a reminder of a monitor still down (the Nth) */
  reminder?: number;
}
