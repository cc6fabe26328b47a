import type { LatencyPeriod, LatencyPoint } from '../../http/public/status-model.ts';
import { html, trustedHtml, type Html } from '../html/html.ts';
import { timeTag, utcText, type TimeStyle } from '../html/time-tag.ts';
import { downsample, niceCeiling, pathData, seriesStats } from './latency-series.ts';

const W = 600;
const H = 100;

export const PERIOD_TEXT = {
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
} as const satisfies Record<LatencyPeriod, string>;
const AXIS_STYLE = { '24h': 'time', '7d': 'monthDay', '30d': 'monthDay' } as const satisfies Record<
  LatencyPeriod,
  TimeStyle
>;

const ms = (v: number): string => `${Math.round(v)} ms`;

function description(points: readonly LatencyPoint[]): string {
  const s = seriesStats(points);
  if (s.avg === null) return 'No measurements in this period.';
  const range = `from ${utcText(points[0]!.t)} to ${utcText(points[points.length - 1]!.t)}`;
  const p95 = s.maxP95 === null ? '' : `; 95th percentile up to ${ms(s.maxP95)}`;
  return `Average ${ms(s.avg)} (between ${ms(s.minAvg!)} and ${ms(s.maxAvg!)})${p95}; ${range}.`;
}

/**
 * One period's response time: a filled p95 band under the average line, drawn in a stretchable SVG; the axis
 * labels are HTML around it, so that they stay readable at any width.
 */
export function latencyChart(componentName: string, period: LatencyPeriod, series: readonly LatencyPoint[]): Html {
  const points = downsample(series);
  const s = seriesStats(points);
  const yMax = niceCeiling(Math.max(s.maxP95 ?? 0, s.maxAvg ?? 0));
  const first = points[0];
  const last = points[points.length - 1];
  const mid = points[Math.floor((points.length - 1) / 2)];
  const axis = AXIS_STYLE[period];
  const band = pathData(
    points.map((p) => p.p95Ms ?? p.avgMs),
    yMax,
    W,
    H,
    true,
  );
  const avg = pathData(
    points.map((p) => p.avgMs),
    yMax,
    W,
    H,
    false,
  );
  return html`<figure class="chart c${period}">
<div class="y" aria-hidden="true"><span>${ms(yMax)}</span><span>${ms(yMax / 2)}</span><span>0 ms</span></div>
<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img"><title>Response time of ${componentName}, ${PERIOD_TEXT[period]}</title><desc>${description(points)}</desc>${trustedHtml(`<path class="p95" d="${band}"/><path class="avg" d="${avg}"/>`)}</svg>
<div class="x">${first && timeTag(first.t, axis)}${mid && points.length > 2 && timeTag(mid.t, axis)}${last && points.length > 1 && timeTag(last.t, axis)}</div>
${s.avg === null && html`<p class="empty">No measurements in this period</p>`}
</figure>`;
}
