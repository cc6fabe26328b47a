import {
  addLatency,
  emptyHistogram,
  histogramQuantile,
  mergeHistograms,
  type LatencyHistogram,
} from './latency-histogram.ts';
import type { RollupGranularity, UptimeFigures } from './store.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const SIZE_MS: Record<RollupGranularity, number> = { hour: HOUR_MS, day: DAY_MS };

/** Start of the UTC hour or day holding `ms`. */
export function bucketStartOf(ms: number, granularity: RollupGranularity): number {
  const size = SIZE_MS[granularity];
  return Math.floor(ms / size) * size;
}

/** What one rollup row counts. Failures and maintenance results stay out of the latency figures. */
export interface RollupCounts {
  checks: number;
  failures: number;
  degraded: number;
  maintenance: number;
  latencyCount: number;
  latencySum: number;
  latencyMin: number | null;
  latencyMax: number | null;
  histogram: LatencyHistogram;
}

export interface RollupInput {
  monitorKey: number;
  startedAt: number;
  latencyMs: number;
  ok: boolean;
  degraded: boolean;
  maintenance: boolean;
}

export function emptyCounts(): RollupCounts {
  return {
    checks: 0,
    failures: 0,
    degraded: 0,
    maintenance: 0,
    latencyCount: 0,
    latencySum: 0,
    latencyMin: null,
    latencyMax: null,
    histogram: emptyHistogram(),
  };
}

/** Count one result into `c` (mutates: used while accumulating a batch). */
export function countResult(c: RollupCounts, r: Omit<RollupInput, 'monitorKey' | 'startedAt'>): void {
  c.checks += 1;
  if (r.maintenance) {
    // counted apart: neither up nor down, and not in the latency figures
    c.maintenance += 1;
    return;
  }
  if (!r.ok) {
    c.failures += 1;
    return;
  }
  if (r.degraded) c.degraded += 1;
  c.latencyCount += 1;
  c.latencySum += r.latencyMs;
  c.latencyMin = c.latencyMin === null ? r.latencyMs : Math.min(c.latencyMin, r.latencyMs);
  c.latencyMax = c.latencyMax === null ? r.latencyMs : Math.max(c.latencyMax, r.latencyMs);
  addLatency(c.histogram, r.latencyMs);
}

export function mergeCounts(a: RollupCounts, b: RollupCounts): RollupCounts {
  return {
    checks: a.checks + b.checks,
    failures: a.failures + b.failures,
    degraded: a.degraded + b.degraded,
    maintenance: a.maintenance + b.maintenance,
    latencyCount: a.latencyCount + b.latencyCount,
    latencySum: a.latencySum + b.latencySum,
    latencyMin: minOf(a.latencyMin, b.latencyMin),
    latencyMax: maxOf(a.latencyMax, b.latencyMax),
    histogram: mergeHistograms(a.histogram, b.histogram),
  };
}

export interface RollupDelta {
  monitorKey: number;
  granularity: RollupGranularity;
  bucketStart: number;
  counts: RollupCounts;
}

/** Group results into one delta per monitor, granularity and bucket (hourly and daily). */
export function accumulateRollups(results: readonly RollupInput[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const r of results) {
    for (const granularity of ['hour', 'day'] as const) {
      const bucketStart = bucketStartOf(r.startedAt, granularity);
      const id = `${r.monitorKey}:${granularity}:${bucketStart}`;
      let delta = deltas.get(id);
      if (!delta) {
        delta = { monitorKey: r.monitorKey, granularity, bucketStart, counts: emptyCounts() };
        deltas.set(id, delta);
      }
      countResult(delta.counts, r);
    }
  }
  return [...deltas.values()];
}

export interface LatencyFigures {
  latencyMinMs: number | null;
  latencyAvgMs: number | null;
  latencyMaxMs: number | null;
  latencyP95Ms: number | null;
}

export function latencyFigures(c: RollupCounts): LatencyFigures {
  if (c.latencyCount === 0 || c.latencyMin === null || c.latencyMax === null) {
    return { latencyMinMs: null, latencyAvgMs: null, latencyMaxMs: null, latencyP95Ms: null };
  }
  return {
    latencyMinMs: c.latencyMin,
    latencyAvgMs: c.latencySum / c.latencyCount,
    latencyMaxMs: c.latencyMax,
    latencyP95Ms: histogramQuantile(c.histogram, 0.95, { min: c.latencyMin, max: c.latencyMax }),
  };
}

export function uptimeFigures(sums: { checks: number; failures: number; maintenance: number }): UptimeFigures {
  const counted = sums.checks - sums.maintenance;
  return { ...sums, uptime: counted > 0 ? (counted - sums.failures) / counted : null };
}

/** Half-open ranges of bucket starts, [from, to). */
export interface UptimePlan {
  hours: [number, number][];
  days: [number, number] | null;
}

/**
 * Which rollups answer uptime over [from, to). Resolution is one hour: the range widens to whole UTC hours
 * (every hour it touches counts in full); whole UTC days inside come from daily rollups, the edges from hourly.
 */
export function planUptime(from: number, to: number): UptimePlan {
  if (to <= from) return { hours: [], days: null };
  const start = bucketStartOf(from, 'hour');
  const end = bucketStartOf(to - 1, 'hour') + HOUR_MS;
  const firstDay = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastDay = bucketStartOf(end, 'day');
  if (firstDay >= lastDay) return { hours: [[start, end]], days: null };
  const hours: [number, number][] = [];
  if (start < firstDay) hours.push([start, firstDay]);
  if (lastDay < end) hours.push([lastDay, end]);
  return { hours, days: [firstDay, lastDay] };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
