import type { Rollup } from '../../../store/store.ts';
import type { LatencyPeriod, LatencyPoint } from '../status-model.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** One point per bucket (nulls where nothing was measured), oldest first, for a latency monitor's chart. */
export function latencySeries(
  now: number,
  hourly: readonly Rollup[],
  daily: readonly Rollup[],
): Record<LatencyPeriod, LatencyPoint[]> {
  const thisHour = Math.floor(now / HOUR) * HOUR;
  const today = Math.floor(now / DAY) * DAY;
  return {
    '24h': fill(hourly, thisHour - 23 * HOUR, 24, HOUR),
    '7d': fill(hourly, thisHour - (7 * 24 - 1) * HOUR, 7 * 24, HOUR),
    '30d': fill(daily, today - 29 * DAY, 30, DAY),
  };
}

function fill(rows: readonly Rollup[], first: number, count: number, step: number): LatencyPoint[] {
  const byStart = new Map(rows.map((r) => [r.bucketStart, r]));
  return Array.from({ length: count }, (_, i) => {
    const t = first + i * step;
    const r = byStart.get(t);
    return { t, avgMs: r?.latencyAvgMs ?? null, p95Ms: r?.latencyP95Ms ?? null };
  });
}
