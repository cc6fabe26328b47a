import {
  accumulateRollups,
  mergeCounts,
  type RollupCounts,
  type RollupDelta,
  type RollupInput,
} from './rollup-math.ts';
import { countsOfRow, toRollupRow } from './rollup-row.ts';
import { chunksFor, type StoreContext } from './store-context.ts';

const ROLLUP_COLUMNS = 12;

/**
 * Fold newly stored results into their hourly and daily rollups: read the rows they touch, merge in memory
 * (the latency histogram cannot be added in SQL portably), write them back. Runs inside the batch's
 * transaction; on PostgreSQL the rows read are locked (FOR UPDATE) until it commits. A bucket row that does
 * not exist yet cannot be locked: two replicas writing the same monitor at once could lose one's first
 * merge. They do not: a monitor is checked by the one replica holding its lease.
 */
export async function mergeRollups(ctx: StoreContext, inputs: readonly RollupInput[]): Promise<void> {
  const deltas = accumulateRollups(inputs);
  if (deltas.length === 0) return;
  const existing = await readTouchedRollups(ctx, deltas);
  const rows = deltas.map((d) => {
    const before = existing.get(rowId(d.monitorKey, d.granularity, d.bucketStart));
    return toRollupRow(d, before ? mergeCounts(before, d.counts) : d.counts);
  });
  for (const chunk of chunksFor(ctx.dialect, rows, ROLLUP_COLUMNS)) {
    await ctx.db
      .insertInto('rollups')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['monitor_key', 'granularity', 'bucket_start']).doUpdateSet((eb) => ({
          checks: eb.ref('excluded.checks'),
          failures: eb.ref('excluded.failures'),
          degraded: eb.ref('excluded.degraded'),
          maintenance: eb.ref('excluded.maintenance'),
          latency_count: eb.ref('excluded.latency_count'),
          latency_sum: eb.ref('excluded.latency_sum'),
          latency_min: eb.ref('excluded.latency_min'),
          latency_max: eb.ref('excluded.latency_max'),
          latency_histogram: eb.ref('excluded.latency_histogram'),
        })),
      )
      .execute();
  }
}

/** The stored rows for the deltas' buckets, one query per (granularity, bucket) touched: a batch spans few. */
async function readTouchedRollups(
  ctx: StoreContext,
  deltas: readonly RollupDelta[],
): Promise<Map<string, RollupCounts>> {
  const keysByBucket = new Map<string, { delta: RollupDelta; keys: number[] }>();
  for (const d of deltas) {
    const id = `${d.granularity}:${d.bucketStart}`;
    const group = keysByBucket.get(id);
    if (group) group.keys.push(d.monitorKey);
    else keysByBucket.set(id, { delta: d, keys: [d.monitorKey] });
  }
  const out = new Map<string, RollupCounts>();
  for (const { delta, keys } of keysByBucket.values()) {
    for (const chunk of chunksFor(ctx.dialect, keys, 1)) {
      const rows = await ctx.db
        .selectFrom('rollups')
        .selectAll()
        .where('granularity', '=', delta.granularity)
        .where('bucket_start', '=', delta.bucketStart)
        .where('monitor_key', 'in', chunk)
        .$if(ctx.dialect === 'postgres', (qb) => qb.forUpdate())
        .execute();
      for (const row of rows) out.set(rowId(row.monitor_key, row.granularity, row.bucket_start), countsOfRow(row));
    }
  }
  return out;
}

function rowId(monitorKey: number, granularity: string, bucketStart: number): string {
  return `${monitorKey}:${granularity}:${bucketStart}`;
}
