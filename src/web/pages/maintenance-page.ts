import { formatDuration } from '../../domain/duration.ts';
import { maintenanceStatusAt } from '../../domain/maintenance-windows.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { componentNames } from './component-names.ts';
import { renderDocument } from './document-shell.ts';
import { monthOf } from './history-month.ts';
import { markdownBlock } from './incident-timeline.ts';
import { pageLinks } from './page-links.ts';
import { MAINTENANCE_STATUS_LABEL } from './status-labels.ts';

/** A maintenance window's permalink page; undefined for an id the model does not hold (the route answers 404). */
export function renderMaintenancePage(model: StatusModel, maintenanceId: string): string | undefined {
  const w = model.maintenances.find((m) => m.id === maintenanceId);
  if (!w) return undefined;
  const links = pageLinks(model.page);
  const status = maintenanceStatusAt(w, model.builtAt);
  const affected = componentNames(model, w.componentIds);
  const main = html`<p class="back"><a href="${links.home}"><span aria-hidden="true">← </span>Current status</a></p>
<article class="detail i-u">
<header class="detail-h"><h1>${w.title}</h1><span class="tag i-u">${MAINTENANCE_STATUS_LABEL[status]}</span></header>
<dl class="facts">
<div><dt>Starts</dt><dd>${timeTag(w.start)}</dd></div>
<div><dt>Ends</dt><dd>${timeTag(w.end)}</dd></div>
<div><dt>Duration</dt><dd>${formatDuration(w.end - w.start)}</dd></div>
<div class="wide"><dt>Affected components</dt><dd>${affected.length > 0 ? html`<ul class="plain">${affected.map((n) => html`<li>${n}</li>`)}</ul>` : 'None recorded'}</dd></div>
</dl>
${w.body.trim() !== '' && html`<section class="sec" aria-labelledby="details-title"><h2 id="details-title">Details</h2><div class="card">${markdownBlock(w.body)}</div></section>`}
</article>
<p class="more"><a href="${links.history(monthOf(w.start))}">Incident history for that month</a></p>`;
  return renderDocument({ page: model.page, title: w.title, brandIsHeading: false, main });
}
