import { z } from 'zod';
import { requirePermission } from '../../../admin/actor.ts';
import { monitorOverview } from '../../../admin/monitor-overview.ts';
import { slaReport } from '../../../admin/sla-reports.ts';
import { renderSlaCsv } from '../../../reports/sla-csv.ts';
import { renderMarkdown } from '../../../web/markdown/render-markdown.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { pathId } from './common-schemas.ts';
import { apiTime } from '../views/api-time.ts';
import { monitorHeadFields } from '../views/monitor-head-view.ts';
import { presentSlaReport, slaReportView } from '../views/sla-report-view.ts';

const overviewSchema = z.object({
  ...monitorHeadFields,
  last_latency_ms: z.number().nullable(),
  last_error: z.string().nullable(),
  uptime_24h: z.number().nullable(),
  sparkline: z.array(
    z.object({ hour: apiTime, avg_ms: z.number().nullable(), checks: z.number(), failures: z.number() }),
  ),
});

export const overviewRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/monitor-overview',
    access: 'read',
    tag: 'Monitors',
    summary: 'Every monitor with live state, 24 h uptime and an hourly latency sparkline (the dashboard)',
    response: z.array(overviewSchema),
    handle: (ctx) => monitorOverview(ctx),
  }),
  route({
    method: 'POST',
    path: '/api/v1/markdown/preview',
    access: 'read',
    tag: 'Incidents',
    summary: 'Render Markdown exactly as the public page will (for the composer preview)',
    body: z.object({ markdown: z.string().max(20_000) }).strict(),
    response: z.object({ html: z.string() }),
    async handle(ctx, { body }) {
      requirePermission(ctx.actor, 'read');
      return { html: renderMarkdown(body.markdown) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/reports/sla',
    access: 'read',
    tag: 'Reports',
    summary:
      'Monthly SLA report per component (uptime %, downtime minutes, incidents; maintenance excluded), for all components, a page or one component; JSON or CSV',
    query: z
      .object({
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
        time_zone: z.string().max(64).default('UTC'),
        page: pathId.optional(),
        component: pathId.optional(),
        format: z.enum(['json', 'csv']).default('json'),
      })
      .strict(),
    response: slaReportView,
    async handle(ctx, { query }, http) {
      const report = await slaReport(ctx, {
        month: query.month,
        timeZone: query.time_zone,
        page: query.page,
        component: query.component,
      });
      if (query.format === 'json') return presentSlaReport(report);
      http.header('content-disposition', `attachment; filename="pharos-sla-${query.month}.csv"`);
      http.raw('text/csv; charset=utf-8', renderSlaCsv(report));
      return undefined;
    },
  }),
];
