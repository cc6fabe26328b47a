import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import type { PageLinks } from './page-links.ts';
import { IMPACT_CLASS } from './status-labels.ts';

const RECENT_MS = 7 * 86_400_000;

/** Incidents resolved in the last seven days, one line each, and the way to the full history. */
export function recentIncidents(model: StatusModel, links: PageLinks): Html {
  const t = pageTranslator(model.page);
  const recent = model.incidents.filter((i) => i.resolvedAt !== null && model.builtAt - i.resolvedAt <= RECENT_MS);
  const rows = recent.map(
    (i) =>
      html`<li class="i-${IMPACT_CLASS[i.impact]}"><a href="${links.incident(i.id)}">${i.name}</a><span class="meta">${t.html('recent.meta', { time: timeTag(i.resolvedAt!, 'datetime', t.formats), duration: t.formats.duration(i.resolvedAt! - i.createdAt) })}</span></li>`,
  );
  return html`<section class="sec" aria-labelledby="recent-title"><h2 id="recent-title">${t.t('recent.title')}</h2>
${rows.length > 0 ? html`<ul class="card recent">${rows}</ul>` : html`<p class="card empty">${t.t('recent.empty')}</p>`}
<p class="more"><a href="${links.history()}">${t.t('recent.more')}</a></p>
</section>`;
}
