import { pageHasNoData } from '../../domain/page-status.ts';
import { renderStatus } from '../../http/public/statuspage/render-page.ts';
import { shownStatus, type StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { iconForClass } from './status-icon.ts';
import { bannerKey, INDICATOR_CLASS, UNKNOWN_CLASS } from './status-labels.ts';

/**
 * The page's overall status (the words of status.json), as a live region so that screen readers hear live updates;
 * grey while no component has data.
 */
export function overallBanner(model: StatusModel): Html {
  const status = renderStatus(model);
  const noData = status.indicator === 'none' && pageHasNoData(model.components.map(shownStatus));
  const cls = noData ? UNKNOWN_CLASS : INDICATOR_CLASS[status.indicator];
  const t = pageTranslator(model.page);
  return html`<section class="banner b-${cls}" data-indicator="${status.indicator}" aria-labelledby="banner-title">
<div class="banner-main" role="status">${iconForClass(cls)}<h2 id="banner-title">${t.t(bannerKey(status.description))}</h2></div>
<p class="updated">${t.html('banner.updated', { time: timeTag(model.updatedAt, 'datetime', t.formats) })}</p>
</section>`;
}
