import { formatDuration } from '../../domain/duration.ts';
import type { Incident } from '../../domain/incident.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { renderDocument } from './document-shell.ts';
import { monthOf } from './history-month.ts';
import { incidentTimeline } from './incident-timeline.ts';
import { pageLinks } from './page-links.ts';
import {
  COMPONENT_STATUS_LABEL,
  IMPACT_CLASS,
  IMPACT_LABEL,
  INCIDENT_STATUS_LABEL,
  STATUS_CLASS,
} from './status-labels.ts';

/** Each affected component with the status the latest update gave it. */
function affectedList(model: StatusModel, incident: Incident): Html {
  const latest = new Map<string, Incident['updates'][number]['affectedComponents'][number]['newStatus']>();
  for (const u of [...incident.updates].sort((a, b) => a.createdAt - b.createdAt))
    for (const a of u.affectedComponents) latest.set(a.componentId, a.newStatus);
  const items = model.components
    .filter((c) => incident.componentIds.includes(c.id))
    .map((c) => {
      const status = latest.get(c.id);
      return html`<li>${c.name}${status && html` <span class="st s-${STATUS_CLASS[status]}">${COMPONENT_STATUS_LABEL[status]}</span>`}</li>`;
    });
  return items.length > 0 ? html`<ul class="plain">${items}</ul>` : html`None recorded`;
}

/** The incident's permalink page; undefined for an id the model does not hold (the route answers 404). */
export function renderIncidentPage(model: StatusModel, incidentId: string): string | undefined {
  const incident = model.incidents.find((i) => i.id === incidentId);
  if (!incident) return undefined;
  const links = pageLinks(model.page);
  const cls = IMPACT_CLASS[incident.impact];
  const duration =
    incident.resolvedAt === null
      ? html`Ongoing for ${formatDuration(model.builtAt - incident.createdAt)}`
      : formatDuration(incident.resolvedAt - incident.createdAt);
  const main = html`<p class="back"><a href="${links.home}"><span aria-hidden="true">← </span>Current status</a></p>
<article class="detail i-${cls}">
<header class="detail-h"><h1>${incident.name}</h1><span class="tag i-${cls}">${IMPACT_LABEL[incident.impact]} impact</span></header>
<dl class="facts">
<div><dt>Status</dt><dd>${INCIDENT_STATUS_LABEL[incident.status]}</dd></div>
<div><dt>Started</dt><dd>${timeTag(incident.createdAt)}</dd></div>
<div><dt>${incident.resolvedAt === null ? 'Last update' : 'Resolved'}</dt><dd>${timeTag(incident.resolvedAt ?? incident.updatedAt)}</dd></div>
<div><dt>Duration</dt><dd>${duration}</dd></div>
<div class="wide"><dt>Affected components</dt><dd>${affectedList(model, incident)}</dd></div>
</dl>
<section class="sec" aria-labelledby="updates-title"><h2 id="updates-title">Updates</h2>
<div class="card">${incidentTimeline(incident)}</div>
</section>
</article>
<p class="more"><a href="${links.history(monthOf(incident.createdAt))}">More incidents from that month</a></p>`;
  return renderDocument({ page: model.page, title: incident.name, brandIsHeading: false, main });
}
