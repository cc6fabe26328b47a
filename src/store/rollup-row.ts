import type { Insertable, Selectable } from 'kysely';
import { decodeHistogram, encodeHistogram } from './latency-histogram.ts';
import { emptyCounts, type RollupCounts, type RollupDelta } from './rollup-math.ts';
import type { RollupsTable } from './schema.ts';

/** A stored rollup row as counts (the histogram decoded). */
export function countsOfRow(row: Selectable<RollupsTable>): RollupCounts {
  return {
    ...emptyCounts(),
    checks: row.checks,
    failures: row.failures,
    degraded: row.degraded,
    maintenance: row.maintenance,
    latencyCount: row.latency_count,
    latencySum: row.latency_sum,
    latencyMin: row.latency_min,
    latencyMax: row.latency_max,
    histogram: decodeHistogram(row.latency_histogram),
  };
}

/** Counts as a rollup row for the bucket of `d`. */
export function toRollupRow(d: RollupDelta, c: RollupCounts): Insertable<RollupsTable> {
  return {
    monitor_key: d.monitorKey,
    granularity: d.granularity,
    bucket_start: d.bucketStart,
    checks: c.checks,
    failures: c.failures,
    degraded: c.degraded,
    maintenance: c.maintenance,
    latency_count: c.latencyCount,
    latency_sum: c.latencySum,
    latency_min: c.latencyMin,
    latency_max: c.latencyMax,
    // a Buffer: what both drivers bind as a blob / bytea
    latency_histogram: Buffer.from(encodeHistogram(c.histogram)),
  };
}
