import { maintenanceStatusAt, type MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { domId, html, type Html } from '../html/html.ts';
import { timeRange } from '../html/time-range.ts';
import { componentNames } from './component-names.ts';
import { markdownBlock } from './incident-timeline.ts';
import type { PageLinks } from './page-links.ts';

function maintenanceCard(model: StatusModel, links: PageLinks, w: MaintenanceWindow): Html {
  const status = maintenanceStatusAt(w, model.builtAt);
  const affected = componentNames(model, w.componentIds);
  const t = pageTranslator(model.page);
  return html`<article class="card mnt" id="${domId('mnt', w.id)}">
<header class="card-h"><h3><a href="${links.maintenance(w.id)}">${w.title}</a></h3><span class="tag i-u">${t.t(`maintenanceStatus.${status}`)}</span></header>
<p class="when">${timeRange(w.start, w.end, t.formats)}</p>
${affected.length > 0 && html`<p class="affects">${t.t('incidents.affects', { components: t.formats.list(affected) })}</p>`}
${w.body.trim() !== '' && markdownBlock(w.body)}
</article>`;
}

/** Maintenance in progress first, then upcoming windows by start time. */
export function maintenanceSection(model: StatusModel, links: PageLinks): Html | false {
  const at = (w: MaintenanceWindow) => maintenanceStatusAt(w, model.builtAt);
  const inProgress = model.maintenances.filter((w) => at(w) === 'in_progress');
  const upcoming = model.maintenances.filter((w) => at(w) === 'scheduled').sort((a, b) => a.start - b.start);
  if (inProgress.length + upcoming.length === 0) return false;
  return html`<section class="sec" aria-labelledby="mnt-title"><h2 id="mnt-title">${pageTranslator(model.page).t('maintenance.title')}</h2>
${[...inProgress, ...upcoming].map((w) => maintenanceCard(model, links, w))}
</section>`;
}
