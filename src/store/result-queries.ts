import type { StatusChange } from '../domain/monitor-state.ts';
import type { MonitorKeys } from './monitor-keys.ts';
import { fromResultRow } from './result-row.ts';
import type { StoreContext } from './store-context.ts';
import type { RecordedResult, RecordedStatusChange } from './store.ts';

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

/** Status changes of every monitor in [from, to), oldest first (ties in the order recorded), with their ids. */
export async function listAllStatusChanges(
  ctx: StoreContext,
  opts: { from: number; to: number },
): Promise<RecordedStatusChange[]> {
  const rows = await ctx.db
    .selectFrom('status_changes as s')
    .innerJoin('monitors as m', 'm.key', 's.monitor_key')
    .select(['s.id', 'm.id as monitor_id', 's.at', 's.from_status', 's.to_status', 's.reason'])
    .where('s.at', '>=', opts.from)
    .where('s.at', '<', opts.to)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute();
  return rows.map(recordedChange);
}

/**
 * Status changes recorded after the one with id `afterId` (ids grow in the order changes are recorded), at or after
 * `from`, by id, at most `limit`: what a reader that already has the others reads (StatusChangeWindow).
 */
export async function listStatusChangesRecordedAfter(
  ctx: StoreContext,
  opts: { afterId: number; from: number; limit: number },
): Promise<RecordedStatusChange[]> {
  const rows = await ctx.db
    .selectFrom('status_changes as s')
    .innerJoin('monitors as m', 'm.key', 's.monitor_key')
    .select(['s.id', 'm.id as monitor_id', 's.at', 's.from_status', 's.to_status', 's.reason'])
    .where('s.id', '>', opts.afterId)
    .where('s.at', '>=', opts.from)
    .orderBy('s.id')
    .limit(Math.max(0, Math.floor(opts.limit)))
    .execute();
  return rows.map(recordedChange);
}

/** The id of the last status change recorded (0 when there is none). */
export async function lastStatusChangeId(ctx: StoreContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('status_changes')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

function recordedChange(r: {
  id: number;
  monitor_id: string;
  at: number;
  from_status: StatusChange['from'];
  to_status: StatusChange['to'];
  reason: string | null;
}): RecordedStatusChange {
  return { id: r.id, monitorId: r.monitor_id, from: r.from_status, to: r.to_status, at: r.at, reason: r.reason };
}
