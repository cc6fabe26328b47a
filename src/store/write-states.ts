import type { Insertable } from 'kysely';
import type { MonitorState, StatusChange } from '../domain/monitor-state.ts';
import type { MonitorStatesTable, StatusChangesTable } from './schema.ts';
import { chunksFor, type StoreContext } from './store-context.ts';
import type { ComponentStatusRow } from './store.ts';

/** Upsert the latest state of each monitor (the last one given wins). */
export async function upsertMonitorStates(
  ctx: StoreContext,
  states: readonly { state: MonitorState; monitorKey: number }[],
): Promise<void> {
  const latest = new Map<number, Insertable<MonitorStatesTable>>();
  for (const { state: s, monitorKey } of states) {
    latest.set(monitorKey, {
      monitor_key: monitorKey,
      status: s.status,
      consecutive_failures: s.consecutiveFailures,
      consecutive_passes: s.consecutivePasses,
      consecutive_degraded: s.consecutiveDegraded,
      consecutive_clean: s.consecutiveClean,
      last_check_at: s.lastCheckAt,
      status_since: s.statusSince,
      last_error: s.lastError,
      last_latency_ms: s.lastLatencyMs === null ? null : Math.round(s.lastLatencyMs),
    });
  }
  for (const chunk of chunksFor(ctx.dialect, [...latest.values()], 10)) {
    await ctx.db
      .insertInto('monitor_states')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('monitor_key').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          consecutive_failures: eb.ref('excluded.consecutive_failures'),
          consecutive_passes: eb.ref('excluded.consecutive_passes'),
          consecutive_degraded: eb.ref('excluded.consecutive_degraded'),
          consecutive_clean: eb.ref('excluded.consecutive_clean'),
          last_check_at: eb.ref('excluded.last_check_at'),
          status_since: eb.ref('excluded.status_since'),
          last_error: eb.ref('excluded.last_error'),
          last_latency_ms: eb.ref('excluded.last_latency_ms'),
        })),
      )
      .execute();
  }
}

/** Append status changes; they are events, kept forever. */
export async function insertStatusChanges(
  ctx: StoreContext,
  changes: readonly { change: StatusChange; monitorKey: number }[],
): Promise<void> {
  const rows: Insertable<StatusChangesTable>[] = changes.map(({ change: c, monitorKey }) => ({
    monitor_key: monitorKey,
    at: c.at,
    from_status: c.from,
    to_status: c.to,
    reason: c.reason,
  }));
  for (const chunk of chunksFor(ctx.dialect, rows, 5))
    await ctx.db.insertInto('status_changes').values(chunk).execute();
}

/** Upsert the current status of each component (the last one given wins). */
export async function upsertComponentStatuses(
  ctx: StoreContext,
  statuses: readonly ComponentStatusRow[],
): Promise<void> {
  const latest = new Map(
    statuses.map((s) => [s.componentId, { component_id: s.componentId, status: s.status, since: s.since }]),
  );
  for (const chunk of chunksFor(ctx.dialect, [...latest.values()], 3)) {
    await ctx.db
      .insertInto('component_statuses')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('component_id')
          .doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), since: eb.ref('excluded.since') })),
      )
      .execute();
  }
}
