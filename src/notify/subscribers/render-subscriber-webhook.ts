import type { Incident } from '../../domain/incident.ts';
import { pageStatus } from '../../domain/page-status.ts';
import { incidentSeenBy } from '../../domain/scope-to-components.ts';
import { renderIncident } from '../../http/public/statuspage/render-incident.ts';
import { renderMaintenance } from '../../http/public/statuspage/render-maintenance.ts';
import type { StatuspageIncident, StatuspageMaintenance } from '../../http/public/statuspage/statuspage-schema.ts';
import { shownStatus, type StatusModel } from '../../http/public/status-model.ts';
import type { NotificationEvent } from '../notification-event.ts';

/** The shape followed (and documented field by field in the README's "Subscribers" section). */
export const SUBSCRIBER_WEBHOOK_DOCUMENTATION =
  'https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/';

export interface SubscriberWebhookMeta {
  unsubscribe: string;
  documentation: string;
}

export interface SubscriberWebhookPage {
  id: string;
  status_indicator: string;
  status_description: string;
}

/**
 * Statuspage's webhook shape for incidents: `meta`, `page`, and the incident as the public API shows it (updates
 * newest first). A maintenance goes out as an incident with impact "maintenance", as Statuspage sends scheduled
 * maintenances. Only incidents and maintenance: that is what subscribers get.
 */
export interface SubscriberWebhookPayload {
  meta: SubscriberWebhookMeta;
  page: SubscriberWebhookPage;
  incident: StatuspageIncident | StatuspageMaintenance;
}

/** The test delivery that confirms a webhook subscriber (it must answer 2xx). */
export interface SubscriberWebhookTest {
  meta: SubscriberWebhookMeta;
  page: SubscriberWebhookPage;
  test: { message: string; subscriber_id: string; components: string[] };
}

/**
 * The page's status as Statuspage reports it. The page model may not show the event's change yet (it is rebuilt
 * a moment after the change is committed), so the event's incident and component statuses are laid over it.
 */
export function webhookPage(model: StatusModel, event?: NotificationEvent, incident?: Incident): SubscriberWebhookPage {
  const said = new Map(event?.components.map((c) => [c.id, c.status]));
  const current = incident ?? event?.incident;
  const impacts = model.incidents.filter((i) => i.resolvedAt === null && i.id !== current?.id).map((i) => i.impact);
  if (current && current.resolvedAt === null) impacts.push(current.impact);
  const status = pageStatus(
    model.components.map((c) => said.get(c.id) ?? shownStatus(c)),
    impacts,
    model.page.severity,
  );
  return { id: model.page.id, status_indicator: status.indicator, status_description: status.description };
}

/**
 * One event's payload, from the page model (ids, names, links, the page's status) and the incident as stored now
 * (all its updates); the event's own copy stands in when the incident is gone. null for other event types.
 * The event is the page's view of it (scopeEventToPage); the stored incident is cut to the page's components here.
 */
export function renderSubscriberWebhook(
  event: NotificationEvent,
  model: StatusModel,
  incident: Incident | undefined,
  meta: SubscriberWebhookMeta,
): SubscriberWebhookPayload | null {
  const onPage = incident && incidentOnPage(incident, model);
  const page = webhookPage(model, event, onPage);
  const i = event.incident;
  if (i) {
    const stored: Incident = onPage ?? {
      id: i.id,
      name: i.name,
      status: i.status,
      impact: i.impact,
      source: 'manual',
      componentIds: event.components.map((c) => c.id),
      createdAt: i.createdAt,
      updatedAt: event.at,
      resolvedAt: i.resolvedAt,
      updates: [
        {
          id: `${i.id}-${event.at}`,
          incidentId: i.id,
          status: i.status,
          body: i.body,
          createdAt: event.at,
          affectedComponents: [],
        },
      ],
    };
    return { meta, page, incident: renderIncident(model, stored) };
  }
  const w = event.maintenance;
  if (w)
    return {
      meta,
      page,
      incident: renderMaintenance(model, {
        id: w.id,
        title: w.title,
        body: w.body,
        start: w.start,
        end: w.end,
        componentIds: event.components.map((c) => c.id),
      }),
    };
  return null;
}

/** The incident with only the components the page shows (in its list and in every update's changes). */
function incidentOnPage(incident: Incident, model: StatusModel): Incident | undefined {
  return incidentSeenBy(incident, new Map(model.components.map((c) => [c.id, c.name])));
}
