import type { NotificationEvent } from '../notification-event.ts';

/**
 * What a channel's "Send test" sends: an event of type `test` with no monitor, incident or component in it, so that
 * no notifier can dress it up as an outage (every one words it "This is a test from Pharos …", see describe-event.ts;
 * PagerDuty and Opsgenie receive it in a form that pages nobody, see alert-lifecycle.ts).
 */
export function testEvent(
  channelId: string,
  now: number,
  pageUrl: string,
  requestedBy: string | null,
): NotificationEvent {
  return {
    id: `test:${channelId}:${now}`,
    type: 'test',
    at: now,
    pageUrl,
    components: [],
    test: { channelId, requestedBy },
  };
}
