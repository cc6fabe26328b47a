import { CERTIFICATE_WARNING_DAYS, type NotificationEvent } from '../notification-event.ts';
import type { EventLinks } from './monitor-events.ts';

const DAY = 86_400_000;

/**
 * The warning due for a certificate seen by a check, if any: the smallest threshold (30, 14, 7, 1 days) it is within.
 * Its id names the certificate (by expiry) and the threshold, so each warning is queued once however often it is seen;
 * a renewed certificate (new expiry) starts afresh.
 */
export function certificateEvent(
  monitor: { id: string; name: string; host: string; components: NotificationEvent['components'] },
  expiresAt: number,
  now: number,
  links: EventLinks,
): NotificationEvent | null {
  const daysLeft = Math.floor((expiresAt - now) / DAY);
  if (expiresAt <= now) return null; // expired: the check fails and monitor.down says so
  const threshold = [...CERTIFICATE_WARNING_DAYS].sort((a, b) => a - b).find((t) => daysLeft < t);
  if (threshold === undefined) return null;
  return {
    id: `cert:${monitor.id}:${expiresAt}:${threshold}`,
    type: 'certificate.expiring',
    at: now,
    pageUrl: links.pageUrl,
    components: monitor.components,
    certificate: { monitorId: monitor.id, monitorName: monitor.name, host: monitor.host, daysLeft, expiresAt },
  };
}
