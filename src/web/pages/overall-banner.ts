import { pageStatus } from '../../domain/page-status.ts';
import { unresolvedIncidents, type StatusModel } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { iconForClass } from './status-icon.ts';
import { INDICATOR_CLASS } from './status-labels.ts';

/** The page's overall status, as a live region so that screen readers hear live updates. */
export function overallBanner(model: StatusModel): Html {
  const status = pageStatus(
    model.components.map((c) => c.status),
    unresolvedIncidents(model).map((i) => i.impact),
  );
  const cls = INDICATOR_CLASS[status.indicator];
  return html`<section class="banner b-${cls}" data-indicator="${status.indicator}" aria-labelledby="banner-title">
<div class="banner-main" role="status">${iconForClass(cls)}<h2 id="banner-title">${status.description}</h2></div>
<p class="updated">Updated ${timeTag(model.updatedAt)}</p>
</section>`;
}
