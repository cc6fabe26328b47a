import { describeEvent } from '../message/describe-event.ts';
import type { NotificationEvent } from '../notification-event.ts';
import { WEBHOOK_DIGEST_MAX, type WebhookEvent, type WebhookPayload } from './webhook-payload-schema.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The generic webhook's JSON body (pure): the event in snake_case with the shared wording. */
export function renderWebhookPayload(event: NotificationEvent): WebhookPayload {
  const top = renderEvent(event);
  if (!event.digest?.length) return top;
  return {
    ...top,
    digest: event.digest.slice(0, WEBHOOK_DIGEST_MAX).map((e) => renderEvent({ ...e, digest: undefined })),
  };
}

function renderEvent(event: NotificationEvent): WebhookEvent {
  const d = describeEvent(event);
  const { monitor: m, incident: i, maintenance: w, certificate: c } = event;
  return {
    id: event.id,
    type: event.type,
    at: iso(event.at),
    page_url: event.pageUrl,
    title: d.title,
    summary: d.summary,
    severity: d.severity,
    url: d.url,
    components: event.components.map(({ id, name, status }) => ({ id, name, status })),
    ...(m && {
      monitor: {
        id: m.id,
        name: m.name,
        status: m.status,
        previous_status: m.previousStatus,
        since: iso(m.since),
        last_error: m.lastError,
        ...(m.downtimeMs !== undefined && { downtime_ms: Math.round(m.downtimeMs) }),
        url: m.url,
      },
    }),
    ...(i && {
      incident: {
        id: i.id,
        name: i.name,
        status: i.status,
        impact: i.impact,
        body: i.body,
        created_at: iso(i.createdAt),
        resolved_at: i.resolvedAt === null ? null : iso(i.resolvedAt),
        url: i.url,
      },
    }),
    ...(w && {
      maintenance: {
        id: w.id,
        title: w.title,
        body: w.body,
        status: w.status,
        start: iso(w.start),
        end: iso(w.end),
        url: w.url,
      },
    }),
    ...(c && {
      certificate: {
        monitor_id: c.monitorId,
        monitor_name: c.monitorName,
        host: c.host,
        days_left: c.daysLeft,
        expires_at: iso(c.expiresAt),
      },
    }),
    ...(event.reminder !== undefined && { reminder: event.reminder }),
  };
}
