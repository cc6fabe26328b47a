import type { MonitorKeys } from './monitor-keys.ts';
import { latencyFigures, planUptime, uptimeFigures } from './rollup-math.ts';
import { countsOfRow } from './rollup-row.ts';
import { chunksFor, type StoreContext } from './store-context.ts';
import type { Rollup, RollupGranularity, UptimeFigures } from './store.ts';

/** Rollups of the given monitors whose bucket starts in [from, to), oldest first (then by monitor id). */
export async function listRollups(
  ctx: StoreContext,
  monitorIds: readonly string[],
  granularity: RollupGranularity,
  opts: { from: number; to: number },
): Promise<Rollup[]> {
  const out: Rollup[] = [];
  for (const chunk of chunksFor(ctx.dialect, [...new Set(monitorIds)], 1)) {
    const rows = await ctx.db
      .selectFrom('rollups as r')
      .innerJoin('monitors as m', 'm.key', 'r.monitor_key')
      .selectAll('r')
      .select('m.id as monitor_id')
      .where('m.id', 'in', chunk)
      .where('r.granularity', '=', granularity)
      .where('r.bucket_start', '>=', opts.from)
      .where('r.bucket_start', '<', opts.to)
      .execute();
    for (const row of rows) {
      const counts = countsOfRow(row);
      out.push({
        monitorId: row.monitor_id,
        granularity,
        bucketStart: row.bucket_start,
        checks: counts.checks,
        failures: counts.failures,
        degraded: counts.degraded,
        maintenance: counts.maintenance,
        ...latencyFigures(counts),
      });
    }
  }
  return out.sort(
    (a, b) => a.bucketStart - b.bucketStart || (a.monitorId < b.monitorId ? -1 : a.monitorId > b.monitorId ? 1 : 0),
  );
}

/**
 * Uptime over [from, to) from rollups only, at one-hour resolution: every UTC hour the range touches
 * counts in full; whole UTC days come from daily rollups, the partial days at the edges from hourly ones.
 */
export async function uptime(
  ctx: StoreContext,
  monitorKeys: MonitorKeys,
  monitorId: string,
  opts: { from: number; to: number },
): Promise<UptimeFigures> {
  const sums = { checks: 0, failures: 0, maintenance: 0 };
  const key = (await monitorKeys.resolve(ctx.db, [monitorId])).get(monitorId);
  const plan = planUptime(opts.from, opts.to);
  if (key === undefined || (plan.hours.length === 0 && plan.days === null)) return uptimeFigures(sums);

  const ranges: { granularity: RollupGranularity; from: number; to: number }[] = plan.hours.map(([from, to]) => ({
    granularity: 'hour',
    from,
    to,
  }));
  if (plan.days) ranges.push({ granularity: 'day', from: plan.days[0], to: plan.days[1] });
  const rows = await ctx.db
    .selectFrom('rollups')
    .select(['checks', 'failures', 'maintenance'])
    .where('monitor_key', '=', key)
    .where((eb) =>
      eb.or(
        ranges.map((r) =>
          eb.and([
            eb('granularity', '=', r.granularity),
            eb('bucket_start', '>=', r.from),
            eb('bucket_start', '<', r.to),
          ]),
        ),
      ),
    )
    .execute();
  for (const r of rows) {
    sums.checks += r.checks;
    sums.failures += r.failures;
    sums.maintenance += r.maintenance;
  }
  return uptimeFigures(sums);
}
