import type { ComponentConfig } from '../config/schema.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { MonitorStatus } from '../domain/statuses.ts';
import type { IncidentImpact, IncidentStatus } from '../domain/statuses.ts';
import { latencySeries, RAW_POINTS_MAX } from '../http/public/history/latency-series.ts';
import type { LatencyPoint } from '../http/public/status-model.ts';
import { requirePermission } from './actor.ts';
import { notFound } from './admin-error.ts';
import type { ServiceContext } from './service-context.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const UPTIME_PERIODS = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY } as const;
export type UptimePeriod = keyof typeof UPTIME_PERIODS;
/** The newest raw results the page lists. */
export const REPORT_RESULTS = 20;

export interface MonitorReport {
  id: string;
  name: string;
  type: MonitorConfig['type'];
  enabled: boolean;
  managed_by: 'config' | 'api';
  status: MonitorStatus;
  status_since: number | null;
  last_check_at: number | null;
  last_error: string | null;
  /** passing share of counted checks, 0–1 (null: nothing counted) */
  uptime: Record<UptimePeriod, number | null>;
  /** the newest results first, with the raw error */
  results: {
    started_at: number;
    ok: boolean;
    degraded: boolean;
    maintenance: boolean;
    latency_ms: number;
    status_code: number | null;
    error: string | null;
  }[];
  /** response time per hour (last 24 h; raw checks on a fresh install) and per day (last 30 days) */
  latency: { hour: LatencyPoint[]; day: LatencyPoint[] };
  /** the last 90 days, newest first */
  status_changes: { at: number; from: MonitorStatus; to: MonitorStatus; reason: string | null }[];
  /** incidents of the monitor's components in the last 90 days, newest first */
  incidents: {
    id: string;
    name: string;
    status: IncidentStatus;
    impact: IncidentImpact;
    created_at: number;
    resolved_at: number | null;
  }[];
}

/** Everything the admin's monitor page shows, read from the store (results, rollups, status changes, incidents). */
export async function monitorReport(ctx: ServiceContext, id: string): Promise<MonitorReport> {
  requirePermission(ctx.actor, 'read');
  const found = await ctx.store.admin.getCatalog('monitor', id);
  if (!found) throw notFound('monitor', id);
  const config = found.config as MonitorConfig;
  const now = ctx.now();
  const thisHour = Math.floor(now / HOUR) * HOUR;
  const today = Math.floor(now / DAY) * DAY;
  const [states, results, hourly, daily, changes, components, incidents, ...uptimes] = await Promise.all([
    ctx.store.loadMonitorStates(),
    ctx.store.listResults(id, { from: now - 90 * DAY, to: now + 1, limit: RAW_POINTS_MAX }),
    ctx.store.listRollups([id], 'hour', { from: thisHour - 23 * HOUR, to: now + 1 }),
    ctx.store.listRollups([id], 'day', { from: today - 29 * DAY, to: now + 1 }),
    ctx.store.listStatusChanges(id, { from: now - 90 * DAY, to: now + 1 }),
    ctx.store.admin.listCatalog('component'),
    ctx.store.listIncidents({ limit: 200 }),
    ...Object.values(UPTIME_PERIODS).map((span) => ctx.store.uptime(id, { from: now - span, to: now + 1 })),
  ]);
  const state = states.find((s) => s.monitorId === id);
  const mine = new Set(components.filter((c) => (c.config as ComponentConfig).monitors.includes(id)).map((c) => c.id));
  const series = latencySeries(now, hourly, daily, results);
  return {
    id,
    name: config.name,
    type: config.type,
    enabled: config.enabled,
    managed_by: found.managedBy,
    status: state?.status ?? 'unknown',
    status_since: state?.statusSince ?? null,
    last_check_at: state?.lastCheckAt ?? null,
    last_error: state?.lastError ?? null,
    uptime: Object.fromEntries(
      (Object.keys(UPTIME_PERIODS) as UptimePeriod[]).map((p, i) => [p, uptimes[i]!.uptime]),
    ) as Record<UptimePeriod, number | null>,
    results: results.slice(0, REPORT_RESULTS).map((r) => ({
      started_at: r.startedAt,
      ok: r.ok,
      degraded: r.degraded,
      maintenance: r.maintenance,
      latency_ms: r.latencyMs,
      status_code: r.statusCode,
      error: r.error,
    })),
    latency: { hour: series['24h'], day: series['30d'] },
    status_changes: [...changes]
      .sort((a, b) => b.at - a.at)
      .map((c) => ({ at: c.at, from: c.from, to: c.to, reason: c.reason })),
    incidents: incidents
      .filter((i) => i.createdAt >= now - 90 * DAY && i.componentIds.some((c) => mine.has(c)))
      .map((i) => ({
        id: i.id,
        name: i.name,
        status: i.status,
        impact: i.impact,
        created_at: i.createdAt,
        resolved_at: i.resolvedAt,
      })),
  };
}
