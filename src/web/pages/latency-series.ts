import type { LatencyPoint } from '../../http/public/status-model.ts';

/** Charts stay light: longer series are merged into at most this many points (average of averages, worst p95). */
export const MAX_CHART_POINTS = 96;

export function downsample(points: readonly LatencyPoint[], max = MAX_CHART_POINTS): LatencyPoint[] {
  if (points.length <= max) return [...points];
  const size = Math.ceil(points.length / max);
  const out: LatencyPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const chunk = points.slice(i, i + size);
    const avgs = chunk.flatMap((p) => (p.avgMs === null ? [] : [p.avgMs]));
    const p95s = chunk.flatMap((p) => (p.p95Ms === null ? [] : [p.p95Ms]));
    out.push({
      t: chunk[0]!.t,
      avgMs: avgs.length === 0 ? null : avgs.reduce((a, b) => a + b, 0) / avgs.length,
      p95Ms: p95s.length === 0 ? null : Math.max(...p95s),
    });
  }
  return out;
}

/** A round axis maximum (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), at least `value` and 10 ms. */
export function niceCeiling(value: number): number {
  const v = Math.max(value, 10);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

export interface SeriesStats {
  count: number;
  avg: number | null;
  minAvg: number | null;
  maxAvg: number | null;
  maxP95: number | null;
}

export function seriesStats(points: readonly LatencyPoint[]): SeriesStats {
  const avgs = points.flatMap((p) => (p.avgMs === null ? [] : [p.avgMs]));
  const p95s = points.flatMap((p) => (p.p95Ms === null ? [] : [p.p95Ms]));
  return {
    count: avgs.length,
    avg: avgs.length === 0 ? null : avgs.reduce((a, b) => a + b, 0) / avgs.length,
    minAvg: avgs.length === 0 ? null : Math.min(...avgs),
    maxAvg: avgs.length === 0 ? null : Math.max(...avgs),
    maxP95: p95s.length === 0 ? null : Math.max(...p95s),
  };
}

/** Index runs of consecutive non-null values. */
function runsOf(values: readonly (number | null)[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(i);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * SVG path data in a 0..width × 0..height box, split where values are missing; relative moves in whole units
 * keep it short (the box is stretched to the chart's size anyway). With `area`, each run is closed down to the
 * baseline, so that it can be filled.
 */
export function pathData(
  values: readonly (number | null)[],
  yMax: number,
  width: number,
  height: number,
  area: boolean,
): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const x = (i: number): number => Math.round(i * step);
  const y = (v: number): number => Math.round(height - (Math.min(v, yMax) / yMax) * height);
  return runsOf(values)
    .map((run) => {
      const first = run[0]!;
      const moves = run.slice(1).map((i) => `${x(i) - x(i - 1)} ${y(values[i]!) - y(values[i - 1]!)}`);
      const line = moves.length > 0 ? `l${moves.join(' ').replace(/ -/g, '-')}` : '';
      return area
        ? `M${x(first)} ${height}V${y(values[first]!)}${line}V${height}Z`
        : `M${x(first)} ${y(values[first]!)}${line}`;
    })
    .join('');
}
