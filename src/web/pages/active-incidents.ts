import type { Incident } from '../../domain/incident.ts';
import { unresolvedIncidents, type StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { domId, html, type Html } from '../html/html.ts';
import { componentNames } from './component-names.ts';
import { incidentTimeline } from './incident-timeline.ts';
import type { PageLinks } from './page-links.ts';
import { IMPACT_CLASS } from './status-labels.ts';

function incidentCard(model: StatusModel, links: PageLinks, incident: Incident): Html {
  const affected = componentNames(model, incident.componentIds);
  const t = pageTranslator(model.page);
  return html`<article class="card inc i-${IMPACT_CLASS[incident.impact]}" id="${domId('inc', incident.id)}">
<header class="card-h"><h3><a href="${links.incident(incident.id)}">${incident.name}</a></h3><span class="tag i-${IMPACT_CLASS[incident.impact]}">${t.t(`impact.${incident.impact}`)}</span></header>
${affected.length > 0 && html`<p class="affects">${t.t('incidents.affects', { components: t.formats.list(affected) })}</p>`}
${incidentTimeline(incident, t)}
</article>`;
}

/** Unresolved incidents, newest first, with their update timelines; nothing when all is quiet. */
export function activeIncidents(model: StatusModel, links: PageLinks): Html | false {
  const open = unresolvedIncidents(model);
  const t = pageTranslator(model.page);
  return (
    open.length > 0 &&
    html`<section class="sec" aria-labelledby="active-title"><h2 id="active-title">${t.t('incidents.active')}</h2>${open.map((i) => incidentCard(model, links, i))}</section>`
  );
}
