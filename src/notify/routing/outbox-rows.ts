import type { NewOutboxRow } from '../../store/outbox-store.ts';
import type { NotificationEvent } from '../notification-event.ts';
import { channelWants, subscriberWants, type ChannelRule, type SubscriberRoute } from './channel-rules.ts';

export interface NotificationTargets {
  channels: readonly ChannelRule[];
  /** confirmed subscribers only */
  subscribers: readonly SubscriberRoute[];
}

/** The outbox rows for one event: one per channel and per subscriber that wants it. */
export function outboxRowsFor(event: NotificationEvent, targets: NotificationTargets, now: number): NewOutboxRow[] {
  const row = (targetKind: NewOutboxRow['targetKind'], targetId: string): NewOutboxRow => ({
    id: `${event.id}:${targetKind}:${targetId}`,
    eventId: event.id,
    eventType: event.type,
    targetKind,
    targetId,
    event,
    createdAt: now,
    nextAttemptAt: now,
  });
  return [
    ...targets.channels.filter((c) => channelWants(c, event)).map((c) => row('channel', c.id)),
    ...targets.subscribers.filter((s) => subscriberWants(s, event)).map((s) => row('subscriber', s.id)),
  ];
}
