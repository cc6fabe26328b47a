import type { LatencyPeriod, LatencyPoint } from '../../http/public/status-model.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, trustedHtml, type Html } from '../html/html.ts';
import { timeTag, utcText, type TimeStyle } from '../html/time-tag.ts';
import { downsample, niceCeiling, pathData, seriesStats } from './latency-series.ts';

const W = 600;
const H = 100;

const AXIS_STYLE = { '24h': 'time', '7d': 'monthDay', '30d': 'monthDay' } as const satisfies Record<
  LatencyPeriod,
  TimeStyle
>;

function description(points: readonly LatencyPoint[], t: Translator): string {
  const s = seriesStats(points);
  if (s.avg === null) return t.t('latency.noMeasurements');
  const ms = (v: number) => t.formats.milliseconds(v);
  const values = {
    avg: ms(s.avg),
    min: ms(s.minAvg!),
    max: ms(s.maxAvg!),
    from: utcText(points[0]!.t, 'datetime', t.formats),
    to: utcText(points[points.length - 1]!.t, 'datetime', t.formats),
  };
  return s.maxP95 === null
    ? t.t('latency.description', values)
    : t.t('latency.descriptionP95', { ...values, p95: ms(s.maxP95) });
}

/**
 * One period's response time: a filled p95 band under the average line, drawn in a stretchable SVG; the axis
 * labels are HTML around it, so that they stay readable at any width.
 */
export function latencyChart(
  componentName: string,
  period: LatencyPeriod,
  series: readonly LatencyPoint[],
  t: Translator,
): Html {
  const ms = (v: number) => t.formats.milliseconds(v);
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
<div class="y" aria-hidden="true"><span>${ms(yMax)}</span><span>${ms(yMax / 2)}</span><span>${ms(0)}</span></div>
<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img"><title>${t.t('latency.chartTitle', { component: componentName, period: t.t(`latency.period.${period}`) })}</title><desc>${description(points, t)}</desc>${trustedHtml(`<path class="p95" d="${band}"/><path class="avg" d="${avg}"/>`)}</svg>
<div class="x">${first && timeTag(first.t, axis, t.formats)}${mid && points.length > 2 && timeTag(mid.t, axis, t.formats)}${last && points.length > 1 && timeTag(last.t, axis, t.formats)}</div>
${s.avg === null && html`<p class="empty">${t.t('latency.noMeasurements')}</p>`}
</figure>`;
}
