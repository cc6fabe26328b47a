import type { Incident } from '../../domain/incident.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { renderDocument } from './document-shell.ts';
import { monthOf } from './history-month.ts';
import { incidentTimeline } from './incident-timeline.ts';
import { pageLinks } from './page-links.ts';
import { IMPACT_CLASS, STATUS_CLASS } from './status-labels.ts';

/** Each affected component with the status the latest update gave it. */
function affectedList(model: StatusModel, incident: Incident, t: Translator): Html {
  const latest = new Map<string, Incident['updates'][number]['affectedComponents'][number]['newStatus']>();
  for (const u of [...incident.updates].sort((a, b) => a.createdAt - b.createdAt))
    for (const a of u.affectedComponents) latest.set(a.componentId, a.newStatus);
  const items = model.components
    .filter((c) => incident.componentIds.includes(c.id))
    .map((c) => {
      const status = latest.get(c.id);
      return html`<li>${c.name}${status && html` <span class="st s-${STATUS_CLASS[status]}">${t.t(`status.${status}`)}</span>`}</li>`;
    });
  return items.length > 0 ? html`<ul class="plain">${items}</ul>` : html`${t.t('detail.noneRecorded')}`;
}

/** The incident's permalink page; undefined for an id the model does not hold (the route answers 404). */
export function renderIncidentPage(model: StatusModel, incidentId: string): string | undefined {
  const incident = model.incidents.find((i) => i.id === incidentId);
  if (!incident) return undefined;
  const links = pageLinks(model.page);
  const cls = IMPACT_CLASS[incident.impact];
  const t = pageTranslator(model.page);
  const f = t.formats;
  const duration =
    incident.resolvedAt === null
      ? t.t('detail.ongoing', { duration: f.duration(model.builtAt - incident.createdAt) })
      : f.duration(incident.resolvedAt - incident.createdAt);
  const main = html`<p class="back"><a href="${links.home}"><span aria-hidden="true">← </span>${t.t('history.back')}</a></p>
<article class="detail i-${cls}">
<header class="detail-h"><h1>${incident.name}</h1><span class="tag i-${cls}">${t.t(`impact.${incident.impact}`)}</span></header>
<dl class="facts">
<div><dt>${t.t('detail.status')}</dt><dd>${t.t(`incidentStatus.${incident.status}`)}</dd></div>
<div><dt>${t.t('detail.started')}</dt><dd>${timeTag(incident.createdAt, 'datetime', f)}</dd></div>
<div><dt>${t.t(incident.resolvedAt === null ? 'detail.lastUpdate' : 'detail.resolved')}</dt><dd>${timeTag(incident.resolvedAt ?? incident.updatedAt, 'datetime', f)}</dd></div>
<div><dt>${t.t('detail.duration')}</dt><dd>${duration}</dd></div>
<div class="wide"><dt>${t.t('detail.affected')}</dt><dd>${affectedList(model, incident, t)}</dd></div>
</dl>
<section class="sec" aria-labelledby="updates-title"><h2 id="updates-title">${t.t('detail.updates')}</h2>
<div class="card">${incidentTimeline(incident, t)}</div>
</section>
</article>
<p class="more"><a href="${links.history(monthOf(incident.createdAt))}">${t.t('detail.moreFromMonth')}</a></p>`;
  return renderDocument({ page: model.page, title: incident.name, brandIsHeading: false, main });
}
