import type { StatusChange } from '../domain/monitor-state.ts';
import type { MonitorKeys } from './monitor-keys.ts';
import { fromResultRow } from './result-row.ts';
import type { StoreContext } from './store-context.ts';
import type { RecordedResult } from './store.ts';

/** Raw results of one monitor started in [from, to), most recent first. */
export async function listResults(
  ctx: StoreContext,
  monitorKeys: MonitorKeys,
  monitorId: string,
  opts: { from: number; to: number; limit: number },
): Promise<RecordedResult[]> {
  const key = (await monitorKeys.resolve(ctx.db, [monitorId])).get(monitorId);
  if (key === undefined || opts.limit <= 0) return [];
  const rows = await ctx.db
    .selectFrom('results')
    .select(['started_at', 'latency_ms', 'status_code', 'flags', 'error'])
    .where('monitor_key', '=', key)
    .where('started_at', '>=', opts.from)
    .where('started_at', '<', opts.to)
    .orderBy('started_at', 'desc')
    .limit(Math.floor(opts.limit))
    .execute();
  return rows.map((r) => fromResultRow(r, monitorId));
}

/** Status changes of one monitor at [from, to), oldest first. */
export async function listStatusChanges(
  ctx: StoreContext,
  monitorKeys: MonitorKeys,
  monitorId: string,
  opts: { from: number; to: number },
): Promise<StatusChange[]> {
  const key = (await monitorKeys.resolve(ctx.db, [monitorId])).get(monitorId);
  if (key === undefined) return [];
  const rows = await ctx.db
    .selectFrom('status_changes')
    .select(['at', 'from_status', 'to_status', 'reason'])
    .where('monitor_key', '=', key)
    .where('at', '>=', opts.from)
    .where('at', '<', opts.to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ monitorId, from: r.from_status, to: r.to_status, at: r.at, reason: r.reason }));
}

/** Status changes of every monitor in [from, to), oldest first: one query for the public history. */
export async function listAllStatusChanges(
  ctx: StoreContext,
  opts: { from: number; to: number },
): Promise<StatusChange[]> {
  const rows = await ctx.db
    .selectFrom('status_changes as s')
    .innerJoin('monitors as m', 'm.key', 's.monitor_key')
    .select(['m.id as monitor_id', 's.at', 's.from_status', 's.to_status', 's.reason'])
    .where('s.at', '>=', opts.from)
    .where('s.at', '<', opts.to)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    monitorId: r.monitor_id,
    from: r.from_status,
    to: r.to_status,
    at: r.at,
    reason: r.reason,
  }));
}
