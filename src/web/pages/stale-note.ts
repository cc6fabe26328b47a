import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';

/** While the store does not answer, the page says that what it shows may be out of date, and since when. */
export function staleNote(model: StatusModel): Html | false {
  if (!model.stale) return false;
  const t = pageTranslator(model.page);
  return html`<p class="stale-note" role="status">${t.html('stale.note', { time: timeTag(model.stale.since, 'time', t.formats) })}</p>`;
}
