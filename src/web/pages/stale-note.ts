import type { StatusModel } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';

/** While the store does not answer, the page says that what it shows may be out of date, and since when. */
export function staleNote(model: StatusModel): Html | false {
  if (!model.stale) return false;
  return html`<p class="stale-note" role="status">Status may be stale: Pharos cannot reach its database since ${timeTag(model.stale.since, 'time')}.</p>`;
}
