import { z } from 'zod';
import type { MonitorReport } from '../../../admin/monitor-report.ts';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, MONITOR_STATUSES } from '../../../domain/statuses.ts';
import type { LatencyPoint } from '../../public/status-model.ts';
import { apiTime, isoTime, isoTimeOrNull } from './api-time.ts';
import { monitorHeadFields } from './monitor-head-view.ts';

const point = z.object({ t: apiTime, avg_ms: z.number().nullable(), p95_ms: z.number().nullable() });
const fraction = z.number().nullable().describe('passing share of counted checks, 0–1 (null: nothing counted)');

/** The monitor page's answer (`GET /api/v1/monitors/:id/report`). */
export const monitorReportView = z.object({
  ...monitorHeadFields,
  last_error: z.string().nullable(),
  uptime: z.object({ '24h': fraction, '7d': fraction, '30d': fraction, '90d': fraction }),
  results: z.array(
    z.object({
      started_at: apiTime,
      ok: z.boolean(),
      degraded: z.boolean(),
      maintenance: z.boolean(),
      latency_ms: z.number(),
      status_code: z.number().nullable(),
      error: z.string().nullable(),
    }),
  ),
  latency: z.object({ hour: z.array(point), day: z.array(point) }),
  status_changes: z.array(
    z.object({
      at: apiTime,
      from: z.enum(MONITOR_STATUSES),
      to: z.enum(MONITOR_STATUSES),
      reason: z.string().nullable(),
    }),
  ),
  incidents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(INCIDENT_STATUSES),
      impact: z.enum(INCIDENT_IMPACTS),
      created_at: apiTime,
      resolved_at: apiTime.nullable(),
    }),
  ),
});

const presentPoint = (p: LatencyPoint): z.infer<typeof point> => ({
  t: isoTime(p.t),
  avg_ms: p.avgMs,
  p95_ms: p.p95Ms,
});

export const presentMonitorReport = (r: MonitorReport): z.infer<typeof monitorReportView> => ({
  ...r,
  status_since: isoTimeOrNull(r.status_since),
  last_check_at: isoTimeOrNull(r.last_check_at),
  results: r.results.map((x) => ({ ...x, started_at: isoTime(x.started_at) })),
  latency: { hour: r.latency.hour.map(presentPoint), day: r.latency.day.map(presentPoint) },
  status_changes: r.status_changes.map((c) => ({ ...c, at: isoTime(c.at) })),
  incidents: r.incidents.map((i) => ({
    ...i,
    created_at: isoTime(i.created_at),
    resolved_at: isoTimeOrNull(i.resolved_at),
  })),
});
