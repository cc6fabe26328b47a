import type { StatusModel } from '../../http/public/status-model.ts';
import { affectingName } from '../../domain/auto-incident-text.ts';
import type { NotificationEvent } from '../notification-event.ts';

type EventIncident = NonNullable<NotificationEvent['incident']>;

/**
 * The event as the subscriber's page shows it, or null when the page does not show it. Only incidents and
 * maintenance; only the page's components, under the page's names (an incident on a public and a private component
 * names the public one alone; one on private components only is not shown); links to the page. An event on no
 * component is shown, as the page shows it. A digest keeps the events the page shows.
 */
export function scopeEventToPage(event: NotificationEvent, model: StatusModel): NotificationEvent | null {
  if (event.digest && event.digest.length > 1) {
    const shown = event.digest.flatMap((e) => scopeOne(e, model) ?? []);
    if (shown.length === 0) return null;
    return { ...shown[0]!, digest: shown };
  }
  return scopeOne(event, model);
}

function scopeOne(event: NotificationEvent, model: StatusModel): NotificationEvent | null {
  if (!event.incident && !event.maintenance) return null;
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const components = event.components.flatMap((c) => {
    const name = names.get(c.id);
    return name === undefined ? [] : [{ ...c, name }];
  });
  if (event.components.length > 0 && components.length === 0) return null;
  const base = model.page.url;
  const { maintenance } = event;
  const hiddenNames = event.components.filter((c) => !names.has(c.id)).map((c) => c.name);
  const incident =
    event.incident &&
    incidentWords(
      event.incident,
      model,
      components.map((c) => c.name),
      hiddenNames,
    );
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    pageUrl: base,
    components,
    ...(incident && { incident: { ...incident, url: `${base}/incidents/${encodeURIComponent(incident.id)}` } }),
    ...(maintenance && {
      maintenance: { ...maintenance, url: `${base}/maintenance/${encodeURIComponent(maintenance.id)}` },
    }),
  };
}

/**
 * The incident's words as the page shows them: never naming a component the page hides. Pharos's own words for an
 * automatic incident are built from component names: the page model's copy has them rebuilt from the visible
 * components (incidentSeenBy). Words that still name a hidden component (the model not rebuilt yet, or a person
 * named it) give way to a neutral title and no body.
 */
function incidentWords(
  incident: EventIncident,
  model: StatusModel,
  visibleNames: string[],
  hiddenNames: string[],
): EventIncident {
  const names = (i: Pick<EventIncident, 'name' | 'body'>) =>
    hiddenNames.some((n) => n.length > 0 && (i.name.includes(n) || i.body.includes(n)));
  if (!names(incident)) return incident;
  const shown = model.incidents.find((i) => i.id === incident.id);
  const words = shown && { name: shown.name, body: shown.updates.at(-1)?.body ?? '' };
  if (words && !names(words)) return { ...incident, ...words };
  return { ...incident, name: affectingName(visibleNames), body: '' };
}
