import { requirePermission } from '../../admin/actor.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import type { ImportPlan } from '../import-plan.ts';

const BATCH = 5_000;
const HOUR = 3_600_000;

/**
 * Write past results as the pipeline writes live ones (commitBatch: results and their hourly and daily rollups),
 * only those before the monitor's first stored hour: a second run finds that hour and writes nothing, and history
 * never overlaps what Pharos measured itself. Raw results older than `retention.raw` go at the next prune.
 */
export async function writeHistory(ctx: ServiceContext, plan: ImportPlan): Promise<void> {
  if (plan.history.length === 0) return;
  requirePermission(ctx.actor, 'configure');
  const monitors = new Set((await ctx.store.admin.listCatalog('monitor')).map((m) => m.id));
  for (const p of plan.history) {
    const { monitorId, results } = p.value;
    if (!monitors.has(monitorId)) {
      plan.report.drop(p.line, `monitor ${monitorId} is not in the store`);
      continue;
    }
    const [firstStored] = await ctx.store.listRollups([monitorId], 'hour', { from: 0, to: Number.MAX_SAFE_INTEGER });
    const before = firstStored ? firstStored.bucketStart : Infinity;
    const fresh = results.filter((r) => Math.floor(r.startedAt / HOUR) * HOUR < before);
    if (fresh.length < results.length)
      plan.report.info(
        p.line,
        `${results.length - fresh.length} results at or after the first hour Pharos already holds skipped`,
      );
    for (let i = 0; i < fresh.length; i += BATCH)
      await ctx.store.commitBatch({
        results: fresh.slice(i, i + BATCH),
        states: [],
        statusChanges: [],
        incidents: [],
        componentStatuses: [],
      });
    plan.report.info(p.line, `${fresh.length} written`);
  }
}
