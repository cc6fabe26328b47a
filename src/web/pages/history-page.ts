import type { Incident } from '../../domain/incident.ts';
import type { MaintenanceWindow } from '../../domain/maintenance-windows.ts';
import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type Html } from '../html/html.ts';
import { timeRange } from '../html/time-range.ts';
import { monthTitle, timeTag } from '../html/time-tag.ts';
import { renderDocument } from './document-shell.ts';
import { isMonth, monthOf, monthRange, shiftMonth } from './history-month.ts';
import { markdownBlock } from './incident-timeline.ts';
import { pageLinks, type PageLinks } from './page-links.ts';
import { IMPACT_CLASS } from './status-labels.ts';

type Entry = { at: number; html: Html };

function incidentEntry(links: PageLinks, i: Incident, t: Translator): Entry {
  const latest = i.updates.reduce<Incident['updates'][number] | undefined>(
    (a, u) => (a && a.createdAt > u.createdAt ? a : u),
    undefined,
  );
  const span =
    i.resolvedAt === null
      ? t.html('history.since', { time: timeTag(i.createdAt, 'datetime', t.formats) })
      : html`${timeRange(i.createdAt, i.resolvedAt, t.formats)} · ${t.formats.duration(i.resolvedAt - i.createdAt)}`;
  return {
    at: i.createdAt,
    html: html`<li class="hist i-${IMPACT_CLASS[i.impact]}"><div class="card-h"><h4><a href="${links.incident(i.id)}">${i.name}</a></h4><span class="tag i-${IMPACT_CLASS[i.impact]}">${t.t(`impact.${i.impact}`)}</span></div>
<p class="meta">${t.t(`incidentStatus.${i.status}`)} · ${span}</p>${latest && markdownBlock(latest.body)}</li>`,
  };
}

function maintenanceEntry(links: PageLinks, w: MaintenanceWindow, t: Translator): Entry {
  return {
    at: w.start,
    html: html`<li class="hist i-u"><div class="card-h"><h4><a href="${links.maintenance(w.id)}">${w.title}</a></h4><span class="tag i-u">${t.t('maintenance.tag')}</span></div><p class="meta">${timeRange(w.start, w.end, t.formats)}</p></li>`,
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

function monthNav(model: StatusModel, links: PageLinks, month: string, t: Translator): Html {
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const hasPrev = prev >= firstMonth(model);
  const hasNext = next <= monthOf(model.builtAt);
  const name = (m: string) => monthTitle(m, t.formats);
  return html`<nav class="months" aria-label="${t.t('history.months')}">
${hasPrev ? html`<a rel="prev" href="${links.history(prev)}"><span aria-hidden="true">← </span>${name(prev)}</a>` : html`<span></span>`}
<h2>${name(month)}</h2>
${hasNext ? html`<a rel="next" href="${links.history(next)}">${name(next)}<span aria-hidden="true"> →</span></a>` : html`<span></span>`}
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
  const t = pageTranslator(model.page);
  const inMonth = (t: number): boolean => t >= from && t < to;
  const entries = [
    ...model.incidents.filter((i) => inMonth(i.createdAt)).map((i) => incidentEntry(links, i, t)),
    ...model.maintenances.filter((w) => inMonth(w.start)).map((w) => maintenanceEntry(links, w, t)),
  ].sort((a, b) => b.at - a.at);
  const days = new Map<string, Entry[]>();
  for (const e of entries) {
    const day = new Date(e.at).toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  const sections = [...days].map(
    ([day, list]) =>
      html`<section class="day" aria-labelledby="d-${day}"><h3 id="d-${day}">${timeTag(Date.parse(day), 'date', t.formats)}</h3><ul class="card hist-list">${list.map((e) => e.html)}</ul></section>`,
  );
  const main = html`<p class="back"><a href="${links.home}"><span aria-hidden="true">← </span>${t.t('history.back')}</a></p>
<h1>${t.t('history.title')}</h1>
${monthNav(model, links, shown, t)}
${sections.length > 0 ? sections : html`<p class="card empty">${t.t('history.empty', { month: monthTitle(shown, t.formats) })}</p>`}`;
  return renderDocument({
    page: model.page,
    title: t.t('history.pageTitle', { month: monthTitle(shown, t.formats) }),
    brandIsHeading: false,
    main,
  });
}
