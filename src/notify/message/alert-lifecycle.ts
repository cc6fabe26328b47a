import type { NotificationEvent } from '../notification-event.ts';

/**
 * What an event does to an alert in an on-call tool (PagerDuty, Opsgenie), keyed so that the event that ends a problem
 * closes the alert the event that began it opened:
 *   monitor.down, monitor.degraded      open  pharos:monitor:<monitor id>
 *   monitor.up                          close pharos:monitor:<monitor id>
 *   incident.created, incident.updated  open  pharos:incident:<incident id>   (an update re-sends to the same alert)
 *   incident.resolved                   close pharos:incident:<incident id>
 *   certificate.expiring                open  pharos:certificate:<monitor id> (each warning lands on the same alert; a
 *                                             person closes it after renewing, nothing in Pharos says "renewed")
 *   maintenance.*                       skip: planned work is not something to page anyone about
 *   test                                test  pharos:test:<channel id>        (PagerDuty: a change event, Opsgenie: an
 *                                             informational alert closed at once; neither pages anyone)
 * Reminders re-open the same key, which the tools count as a repeat rather than a new page.
 */
export type AlertAction =
  | { action: 'open'; key: string; event: NotificationEvent }
  | { action: 'close'; key: string; event: NotificationEvent }
  | { action: 'skip'; reason: string; event: NotificationEvent }
  /** a channel's "Send test": each tool gets it in a form that pages nobody */
  | { action: 'test'; key: string; event: NotificationEvent };

export function alertActionOf(event: NotificationEvent): AlertAction {
  const skip = (reason: string): AlertAction => ({ action: 'skip', reason, event });
  switch (event.type) {
    case 'monitor.down':
    case 'monitor.degraded':
    case 'monitor.up': {
      if (!event.monitor) return skip('monitor event without a monitor');
      const key = `pharos:monitor:${event.monitor.id}`;
      return event.type === 'monitor.up' ? { action: 'close', key, event } : { action: 'open', key, event };
    }
    case 'incident.created':
    case 'incident.updated':
    case 'incident.resolved': {
      if (!event.incident) return skip('incident event without an incident');
      const key = `pharos:incident:${event.incident.id}`;
      return event.type === 'incident.resolved' ? { action: 'close', key, event } : { action: 'open', key, event };
    }
    case 'certificate.expiring':
      if (!event.certificate) return skip('certificate event without a certificate');
      return { action: 'open', key: `pharos:certificate:${event.certificate.monitorId}`, event };
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed':
      return skip('maintenance is not paged');
    case 'test':
      return { action: 'test', key: `pharos:test:${event.test?.channelId ?? 'channel'}`, event };
  }
}

/** A digest's events one by one (each has its own alert), or the event itself. */
export function alertActionsOf(event: NotificationEvent): AlertAction[] {
  return (event.digest && event.digest.length > 0 ? event.digest : [event]).map(alertActionOf);
}
