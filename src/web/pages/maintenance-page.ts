import { maintenanceStatusAt } from '../../domain/maintenance-windows.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { componentNames } from './component-names.ts';
import { renderDocument } from './document-shell.ts';
import { monthOf } from './history-month.ts';
import { markdownBlock } from './incident-timeline.ts';
import { pageLinks } from './page-links.ts';

/** A maintenance window's permalink page; undefined for an id the model does not hold (the route answers 404). */
export function renderMaintenancePage(model: StatusModel, maintenanceId: string): string | undefined {
  const w = model.maintenances.find((m) => m.id === maintenanceId);
  if (!w) return undefined;
  const links = pageLinks(model.page);
  const status = maintenanceStatusAt(w, model.builtAt);
  const affected = componentNames(model, w.componentIds);
  const t = pageTranslator(model.page);
  const f = t.formats;
  const main = html`<p class="back"><a href="${links.home}"><span aria-hidden="true">← </span>${t.t('history.back')}</a></p>
<article class="detail i-u">
<header class="detail-h"><h1>${w.title}</h1><span class="tag i-u">${t.t(`maintenanceStatus.${status}`)}</span></header>
<dl class="facts">
<div><dt>${t.t('detail.starts')}</dt><dd>${timeTag(w.start, 'datetime', f)}</dd></div>
<div><dt>${t.t('detail.ends')}</dt><dd>${timeTag(w.end, 'datetime', f)}</dd></div>
<div><dt>${t.t('detail.duration')}</dt><dd>${f.duration(w.end - w.start)}</dd></div>
<div class="wide"><dt>${t.t('detail.affected')}</dt><dd>${affected.length > 0 ? html`<ul class="plain">${affected.map((n) => html`<li>${n}</li>`)}</ul>` : t.t('detail.noneRecorded')}</dd></div>
</dl>
${w.body.trim() !== '' && html`<section class="sec" aria-labelledby="details-title"><h2 id="details-title">${t.t('detail.details')}</h2><div class="card">${markdownBlock(w.body)}</div></section>`}
</article>
<p class="more"><a href="${links.history(monthOf(w.start))}">${t.t('detail.historyOfMonth')}</a></p>`;
  return renderDocument({ page: model.page, title: w.title, brandIsHeading: false, main });
}
