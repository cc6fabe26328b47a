import type { MonitorState } from '../domain/monitor-state.ts';
import type { StoreContext } from './store-context.ts';
import type { ComponentStatusRow } from './store.ts';

/** The last stored state of every monitor that has one (archived monitors included). */
export async function loadMonitorStates(ctx: StoreContext): Promise<MonitorState[]> {
  const rows = await ctx.db
    .selectFrom('monitor_states as s')
    .innerJoin('monitors as m', 'm.key', 's.monitor_key')
    .select([
      'm.id',
      's.status',
      's.consecutive_failures',
      's.consecutive_passes',
      's.consecutive_degraded',
      's.consecutive_clean',
      's.last_check_at',
      's.status_since',
      's.last_error',
      's.last_latency_ms',
    ])
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    monitorId: r.id,
    status: r.status,
    consecutiveFailures: r.consecutive_failures,
    consecutivePasses: r.consecutive_passes,
    consecutiveDegraded: r.consecutive_degraded,
    consecutiveClean: r.consecutive_clean,
    lastCheckAt: r.last_check_at,
    statusSince: r.status_since,
    lastError: r.last_error,
    lastLatencyMs: r.last_latency_ms,
  }));
}

export async function loadComponentStatuses(ctx: StoreContext): Promise<ComponentStatusRow[]> {
  const rows = await ctx.db.selectFrom('component_statuses').selectAll().orderBy('component_id').execute();
  return rows.map((r) => ({ componentId: r.component_id, status: r.status, since: r.since }));
}
