import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { MonitorStatus } from '../domain/statuses.ts';
import { requirePermission } from './actor.ts';
import type { ServiceContext } from './service-context.ts';

const HOUR = 3_600_000;
const isoOrNull = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export interface MonitorOverview {
  id: string;
  name: string;
  type: MonitorConfig['type'];
  enabled: boolean;
  managed_by: 'config' | 'api';
  status: MonitorStatus;
  status_since: string | null;
  last_check_at: string | null;
  last_latency_ms: number | null;
  last_error: string | null;
  /** passing share of counted checks over the last 24 h, 0–1; null without checks */
  uptime_24h: number | null;
  /** 24 hourly points, oldest first: average latency of passing checks (null: none) and failed checks */
  sparkline: { hour: string; avg_ms: number | null; checks: number; failures: number }[];
}

/** The dashboard's rows: every monitor with its live state, 24 h uptime and an hourly latency sparkline (from rollups). */
export async function monitorOverview(ctx: ServiceContext): Promise<MonitorOverview[]> {
  requirePermission(ctx.actor, 'read');
  const now = ctx.now();
  const firstHour = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  const [monitors, states] = await Promise.all([ctx.store.admin.listCatalog('monitor'), ctx.store.loadMonitorStates()]);
  const rollups = await ctx.store.listRollups(
    monitors.map((m) => m.id),
    'hour',
    { from: firstHour, to: now + HOUR },
  );
  const stateOf = new Map(states.map((s) => [s.monitorId, s]));
  const byMonitor = new Map<string, Map<number, (typeof rollups)[number]>>();
  for (const r of rollups) {
    let m = byMonitor.get(r.monitorId);
    if (!m) byMonitor.set(r.monitorId, (m = new Map()));
    m.set(r.bucketStart, r);
  }
  return monitors.map((o) => {
    const config = o.config as MonitorConfig;
    const state = stateOf.get(o.id);
    const hours = byMonitor.get(o.id) ?? new Map();
    let counted = 0;
    let failed = 0;
    const sparkline = Array.from({ length: 24 }, (_, i) => {
      const hour = firstHour + i * HOUR;
      const r = hours.get(hour);
      counted += r ? r.checks - r.maintenance : 0;
      failed += r ? r.failures : 0;
      return {
        hour: new Date(hour).toISOString(),
        avg_ms: r?.latencyAvgMs ?? null,
        checks: r?.checks ?? 0,
        failures: r?.failures ?? 0,
      };
    });
    return {
      id: o.id,
      name: config.name,
      type: config.type,
      enabled: config.enabled,
      managed_by: o.managedBy,
      status: state?.status ?? 'unknown',
      status_since: isoOrNull(state?.statusSince),
      last_check_at: isoOrNull(state?.lastCheckAt),
      last_latency_ms: state?.lastLatencyMs ?? null,
      last_error: state?.lastError ?? null,
      uptime_24h: counted > 0 ? (counted - failed) / counted : null,
      sparkline,
    };
  });
}
