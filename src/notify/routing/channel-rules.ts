import { z } from 'zod';
import { durationMs } from '../../config/duration-schema.ts';
import { idSchema } from '../../config/id-schema.ts';
import { NOTIFICATION_EVENT_TYPES, type NotificationEvent, type NotificationEventType } from '../notification-event.ts';

/** The routing fields every channel has, whatever its type. */
export const channelRuleFields = {
  id: idSchema,
  /** which events (default: all) */
  events: z.array(z.enum(NOTIFICATION_EVENT_TYPES)).min(1).optional(),
  /** only events about these components (default: all) */
  components: z.array(idSchema).max(1000).optional(),
  /** only events about these monitors (default: all) */
  monitors: z.array(idSchema).max(1000).optional(),
  /** repeat monitor.down every so often while it lasts (default: never) */
  reminder_every: durationMs({ min: 60_000 }).optional(),
  /** when this many messages for the channel are due at once (a large outage, or held back by the rate limit), send one digest instead */
  coalesce_after: z.number().int().min(2).max(10_000).default(5),
  /** messages per minute at most (the rest wait) */
  rate_per_minute: z.number().int().min(1).max(10_000).default(30),
};

export interface ChannelRule {
  id: string;
  events?: readonly NotificationEventType[];
  components?: readonly string[];
  monitors?: readonly string[];
}

/** Does a channel want this event? Events with no component (certificates) pass a component filter only through their monitor. */
export function channelWants(rule: ChannelRule, event: NotificationEvent): boolean {
  if (event.type === 'test') return false; // a test goes straight to its one channel, never through routing
  if (rule.events && !rule.events.includes(event.type)) return false;
  const monitorId = event.monitor?.id ?? event.certificate?.monitorId;
  if (rule.monitors && (!monitorId || !rule.monitors.includes(monitorId))) return false;
  if (rule.components && !event.components.some((c) => rule.components!.includes(c.id))) return false;
  return true;
}

/** A confirmed subscriber as routing sees it. */
export interface SubscriberRoute {
  id: string;
  /** chosen at sign-up; none: all its page shows */
  componentIds: readonly string[];
  /** the components its page shows; null: its page is gone */
  pageComponentIds: readonly string[] | null;
}

/**
 * Subscribers hear about incidents and maintenance that their page shows (one on no component is shown on every
 * page), on the components they chose (none chosen: all of the page's).
 */
export function subscriberWants(subscriber: Omit<SubscriberRoute, 'id'>, event: NotificationEvent): boolean {
  if (!event.type.startsWith('incident.') && !event.type.startsWith('maintenance.')) return false;
  const page = subscriber.pageComponentIds;
  if (!page) return false;
  const onPage = event.components.filter((c) => page.includes(c.id));
  if (event.components.length > 0 && onPage.length === 0) return false;
  if (subscriber.componentIds.length === 0) return true;
  return onPage.some((c) => subscriber.componentIds.includes(c.id));
}

export type { NotificationEventType };
