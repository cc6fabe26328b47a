import type { ComponentHistory, DayCell, ModelComponent } from '../../http/public/status-model.ts';
import type { Translator } from '../../i18n/translator.ts';
import { domId, escapeHtml, html, trustedHtml, type Html } from '../html/html.ts';
import { formatPercent } from '../html/time-tag.ts';
import { DAY_CLASS } from './status-labels.ts';

const DAY_MS = 86_400_000;

/**
 * One cell per day, kept tiny because a page may hold 50 bars of 90 days: the class is the day's worst state
 * (none for operational, the common case),
 * `data-u` the uptime when below 100 % ('-' when unmeasured), `data-i` the incident ids, `data-d` the day only
 * when it does not follow the previous one. pharos.js derives each cell's date and aria-label from these and
 * makes the bar one tab stop whose days are walked with the arrow keys.
 */
function cell(day: DayCell, expectedDay: string): string {
  let attrs = day.worst === 'operational' ? '' : ` class=${DAY_CLASS[day.worst]}`;
  if (day.day !== expectedDay) attrs += ` data-d="${escapeHtml(day.day)}"`;
  if (day.uptime === null ? day.worst !== 'no_data' : day.uptime < 1)
    attrs += ` data-u="${day.uptime === null ? '-' : formatPercent(day.uptime).slice(0, -2)}"`;
  if (day.incidentIds.length > 0) attrs += ` data-i="${escapeHtml(day.incidentIds.join(' '))}"`;
  return `<i${attrs}></i>`;
}

function cells(days: readonly DayCell[]): string {
  let out = '';
  let expected = days[0]?.day ?? '';
  for (const day of days) {
    out += cell(day, expected);
    expected = new Date(day.start + DAY_MS).toISOString().slice(0, 10);
  }
  return out;
}

/** "99,95 %" in the page's language. */
export function uptimePercent(fraction: number, t: Translator): string {
  return t.t('uptime.percent', { value: t.formats.uptimeNumber(fraction) });
}

/** "99.95 % uptime", or "No data yet" while nothing was measured (never "no data uptime"). */
const uptimeText = (u: number | null, t: Translator): string =>
  u === null ? t.t('uptime.noData') : t.t('uptime.value', { percent: uptimePercent(u, t) });

/** The component's 90-day bar and its legend (the last 30 days only on narrow screens). */
export function uptimeBar(component: ModelComponent, history: ComponentHistory, t: Translator): Html {
  const incidentDays = history.days.filter((d) => d.incidentIds.length > 0).length;
  const u90 = history.uptime['90d'];
  const summary = t.t('uptime.summary', {
    component: component.name,
    measured: u90 === null ? 'none' : 'some',
    percent: u90 === null ? '' : uptimePercent(u90, t),
  });
  const label = incidentDays > 0 ? t.t('uptime.summaryIncidentDays', { summary, count: incidentDays }) : summary;
  return html`<div class="bar" id="${domId('b', component.id)}" role="img" aria-label="${label}" data-s="${history.days[0]?.day ?? ''}">${trustedHtml(cells(history.days))}</div>
<p class="bar-l"><span><span class="l90">${t.t('uptime.daysAgo', { count: 90 })}</span><span class="l30">${t.t('uptime.daysAgo', { count: 30 })}</span></span><span class="up"><span class="l90">${uptimeText(u90, t)}</span><span class="l30">${uptimeText(history.uptime['30d'], t)}</span></span><span>${t.t('uptime.today')}</span></p>`;
}
