import {
  LATENCY_PERIODS,
  type ComponentHistory,
  type LatencyPeriod,
  type ModelComponent,
} from '../../http/public/status-model.ts';
import { domId, html, type Html } from '../html/html.ts';
import { latencyChart } from './latency-chart.ts';
import { seriesStats } from './latency-series.ts';

const TAB_TEXT = { '24h': '24 h', '7d': '7 d', '30d': '30 d' } as const satisfies Record<LatencyPeriod, string>;

/**
 * A collapsible response-time panel with a radio group that switches between 24 h, 7 d and 30 d without
 * script (CSS :has on the checked radio). Absent for components without latency (push-only).
 */
export function latencyPanel(component: ModelComponent, history: ComponentHistory): Html | false {
  const latency = history.latency;
  if (latency === null) return false;
  const id = domId('rt', component.id);
  const recent = seriesStats(latency['24h']).avg;
  const tabs = LATENCY_PERIODS.map(
    (p, i) =>
      html`<label><input type="radio" name="${id}" class="t${p}"${i === 0 ? ' checked' : ''}>${TAB_TEXT[p]}</label>`,
  );
  return html`<details class="rt" id="${id}">
<summary>Response time${recent !== null && html` <span class="rt-now">${Math.round(recent)} ms avg, 24 h</span>`}</summary>
<div class="rt-body">
<fieldset class="tabs"><legend class="vh">Period for ${component.name}</legend>${tabs}</fieldset>
<p class="legend" aria-hidden="true"><span class="k-avg">Average</span><span class="k-p95">95th percentile</span></p>
${LATENCY_PERIODS.map((p) => latencyChart(component.name, p, latency[p]))}
</div>
</details>`;
}
