import type { StatusModel } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';
import { formatDuration } from '../../domain/duration.ts';
import { timeTag } from '../html/time-tag.ts';
import type { PageLinks } from './page-links.ts';
import { IMPACT_CLASS } from './status-labels.ts';

const RECENT_MS = 7 * 86_400_000;

/** Incidents resolved in the last seven days, one line each, and the way to the full history. */
export function recentIncidents(model: StatusModel, links: PageLinks): Html {
  const recent = model.incidents.filter((i) => i.resolvedAt !== null && model.builtAt - i.resolvedAt <= RECENT_MS);
  const rows = recent.map(
    (i) =>
      html`<li class="i-${IMPACT_CLASS[i.impact]}"><a href="${links.incident(i.id)}">${i.name}</a><span class="meta">Resolved ${timeTag(i.resolvedAt!)} · lasted ${formatDuration(i.resolvedAt! - i.createdAt)}</span></li>`,
  );
  return html`<section class="sec" aria-labelledby="recent-title"><h2 id="recent-title">Recently resolved</h2>
${rows.length > 0 ? html`<ul class="card recent">${rows}</ul>` : html`<p class="card empty">No incidents in the last 7 days.</p>`}
<p class="more"><a href="${links.history()}">View incident history</a></p>
</section>`;
}
