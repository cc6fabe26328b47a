import {
  LATENCY_PERIODS,
  type ComponentHistory,
  type LatencyPeriod,
  type ModelComponent,
} from '../../http/public/status-model.ts';
import type { Translator } from '../../i18n/translator.ts';
import { domId, html, type Html } from '../html/html.ts';
import { latencyChart } from './latency-chart.ts';
import { seriesStats } from './latency-series.ts';

/**
 * A collapsible response-time panel with a radio group that switches between 24 h, 7 d and 30 d without
 * script (CSS :has on the checked radio). Absent for components without latency (push-only).
 */
export function latencyPanel(component: ModelComponent, history: ComponentHistory, t: Translator): Html | false {
  const latency = history.latency;
  if (latency === null) return false;
  const id = domId('rt', component.id);
  const recent = seriesStats(latency['24h']).avg;
  const tabs = LATENCY_PERIODS.map(
    (p, i) =>
      html`<label><input type="radio" name="${id}" class="t${p}"${i === 0 ? ' checked' : ''}>${t.t(`latency.tab.${p satisfies LatencyPeriod}`)}</label>`,
  );
  return html`<details class="rt" id="${id}">
<summary>${t.t('latency.title')}${recent !== null && html` <span class="rt-now">${t.t('latency.now', { value: t.formats.milliseconds(recent) })}</span>`}</summary>
<div class="rt-body">
<fieldset class="tabs"><legend class="vh">${t.t('latency.periodFor', { component: component.name })}</legend>${tabs}</fieldset>
<p class="legend" aria-hidden="true"><span class="k-avg">${t.t('latency.average')}</span><span class="k-p95">${t.t('latency.p95')}</span></p>
${LATENCY_PERIODS.map((p) => latencyChart(component.name, p, latency[p], t))}
</div>
</details>`;
}
