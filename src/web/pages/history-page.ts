import { formatDuration } from '../../domain/duration.ts';
import type { Incident } from '../../domain/incident.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';
import { timeRange } from '../html/time-range.ts';
import { monthTitle, timeTag } from '../html/time-tag.ts';
import { renderDocument } from './document-shell.ts';
import { isMonth, monthOf, monthRange, shiftMonth } from './history-month.ts';
import { markdownBlock } from './incident-timeline.ts';
import { pageLinks, type PageLinks } from './page-links.ts';
import { IMPACT_CLASS, IMPACT_LABEL, INCIDENT_STATUS_LABEL } from './status-labels.ts';

type Entry = { at: number; html: Html };

function incidentEntry(links: PageLinks, i: Incident): Entry {
  const latest = i.updates.reduce<Incident['updates'][number] | undefined>(
    (a, u) => (a && a.createdAt > u.createdAt ? a : u),
    undefined,
  );
  const span =
    i.resolvedAt === null
      ? html`since ${timeTag(i.createdAt)}`
      : html`${timeRange(i.createdAt, i.resolvedAt)} · ${formatDuration(i.resolvedAt - i.createdAt)}`;
  return {
    at: i.createdAt,
    html: html`<li class="hist i-${IMPACT_CLASS[i.impact]}"><div class="card-h"><h4><a href="${links.incident(i.id)}">${i.name}</a></h4><span class="tag i-${IMPACT_CLASS[i.impact]}">${IMPACT_LABEL[i.impact]} impact</span></div>
<p class="meta">${INCIDENT_STATUS_LABEL[i.status]} · ${span}</p>${latest && markdownBlock(latest.body)}</li>`,
  };
}

function maintenanceEntry(links: PageLinks, w: MaintenanceWindow): Entry {
  return {
    at: w.start,
    html: html`<li class="hist i-u"><div class="card-h"><h4><a href="${links.maintenance(w.id)}">${w.title}</a></h4><span class="tag i-u">Maintenance</span></div><p class="meta">${timeRange(w.start, w.end)}</p></li>`,
  };
}

/** The earliest month worth paging back to: the oldest thing the model knows about. */
function firstMonth(model: StatusModel): string {
  const times = [
    model.builtAt,
    ...model.incidents.map((i) => i.createdAt),
    ...model.maintenances.map((w) => w.start),
    ...model.components.map((c) => c.createdAt),
  ];
  return monthOf(Math.min(...times));
}

function monthNav(model: StatusModel, links: PageLinks, month: string): Html {
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const hasPrev = prev >= firstMonth(model);
  const hasNext = next <= monthOf(model.builtAt);
  return html`<nav class="months" aria-label="Months">
${hasPrev ? html`<a rel="prev" href="${links.history(prev)}"><span aria-hidden="true">← </span>${monthTitle(prev)}</a>` : html`<span></span>`}
<h2>${monthTitle(month)}</h2>
${hasNext ? html`<a rel="next" href="${links.history(next)}">${monthTitle(next)}<span aria-hidden="true"> →</span></a>` : html`<span></span>`}
</nav>`;
}

/**
 * Incidents (by start) and maintenance windows (by start) of one UTC month, grouped by day, newest first.
 * A month that is not YYYY-MM shows the current one.
 */
export function renderHistoryPage(model: StatusModel, month: string): string {
  const shown = isMonth(month) ? month : monthOf(model.builtAt);
  const [from, to] = monthRange(shown);
  const links = pageLinks(model.page);
  const inMonth = (t: number): boolean => t >= from && t < to;
  const entries = [
    ...model.incidents.filter((i) => inMonth(i.createdAt)).map((i) => incidentEntry(links, i)),
    ...model.maintenances.filter((w) => inMonth(w.start)).map((w) => maintenanceEntry(links, w)),
  ].sort((a, b) => b.at - a.at);
  const days = new Map<string, Entry[]>();
  for (const e of entries) {
    const day = new Date(e.at).toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  const sections = [...days].map(
    ([day, list]) =>
      html`<section class="day" aria-labelledby="d-${day}"><h3 id="d-${day}">${timeTag(Date.parse(day), 'date')}</h3><ul class="card hist-list">${list.map((e) => e.html)}</ul></section>`,
  );
  const main = html`<p class="back"><a href="${links.home}"><span aria-hidden="true">← </span>Current status</a></p>
<h1>Incident history</h1>
${monthNav(model, links, shown)}
${sections.length > 0 ? sections : html`<p class="card empty">No incidents or maintenance reported in ${monthTitle(shown)}.</p>`}`;
  return renderDocument({
    page: model.page,
    title: `Incident history, ${monthTitle(shown)}`,
    brandIsHeading: false,
    main,
  });
}
