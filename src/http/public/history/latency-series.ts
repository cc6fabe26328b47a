import type { RecordedResult, Rollup } from '../../../store/store.ts';
import type { LatencyPeriod, LatencyPoint } from '../status-model.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Below this many measured buckets a period's chart would be a dot or a sliver at its right edge (a fresh install):
 * it shows the finer series instead (hours for days, raw checks for hours).
 */
export const MIN_MEASURED_BUCKETS = 3;

/** The raw checks the charts fall back to: the last 24 h, at most this many (the newest). */
export const RAW_POINTS_MAX = 300;

/**
 * One point per bucket (nulls where nothing was measured), oldest first, for a latency monitor's chart. While a
 * period has fewer than MIN_MEASURED_BUCKETS measured buckets, it shows the finer series: the 30-day chart the hours,
 * the hourly charts each passing raw check (`raw`, newest first as the store lists them; empty to go without).
 */
export function latencySeries(
  now: number,
  hourly: readonly Rollup[],
  daily: readonly Rollup[],
  raw: readonly RecordedResult[] = [],
): Record<LatencyPeriod, LatencyPoint[]> {
  const thisHour = Math.floor(now / HOUR) * HOUR;
  const today = Math.floor(now / DAY) * DAY;
  const rawPoints = rawSeries(raw);
  const finer = (points: LatencyPoint[], instead: LatencyPoint[]) =>
    measured(points) < MIN_MEASURED_BUCKETS && measured(instead) > measured(points) ? instead : points;
  const day = finer(fill(hourly, thisHour - 23 * HOUR, 24, HOUR), rawPoints);
  const week = finer(fill(hourly, thisHour - (7 * 24 - 1) * HOUR, 7 * 24, HOUR), rawPoints);
  return { '24h': day, '7d': week, '30d': finer(fill(daily, today - 29 * DAY, 30, DAY), week) };
}

/** Passing raw checks as chart points, oldest first (their latency is the average; no p95 for one check). */
export function rawSeries(raw: readonly RecordedResult[]): LatencyPoint[] {
  return raw
    .filter((r) => r.ok && !r.maintenance)
    .slice(0, RAW_POINTS_MAX)
    .map((r) => ({ t: r.startedAt, avgMs: r.latencyMs, p95Ms: null }))
    .sort((a, b) => a.t - b.t);
}

/** Buckets with a measurement. */
export function measured(points: readonly LatencyPoint[]): number {
  return points.reduce((n, p) => n + (p.avgMs === null ? 0 : 1), 0);
}

function fill(rows: readonly Rollup[], first: number, count: number, step: number): LatencyPoint[] {
  const byStart = new Map(rows.map((r) => [r.bucketStart, r]));
  return Array.from({ length: count }, (_, i) => {
    const t = first + i * step;
    const r = byStart.get(t);
    return { t, avgMs: r?.latencyAvgMs ?? null, p95Ms: r?.latencyP95Ms ?? null };
  });
}

/** Hourly rollups in the last 24 h with a measured latency (whether the raw checks are needed at all). */
export function measuredRollups(rows: readonly Rollup[]): number {
  return rows.reduce((n, r) => n + (r.latencyAvgMs === null ? 0 : 1), 0);
}
