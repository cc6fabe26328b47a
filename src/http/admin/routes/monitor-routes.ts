import { monitorSpec } from '../../../admin/catalog/catalog-kinds.ts';
import { catalogItemSchema } from '../../../admin/catalog/catalog-service.ts';
import { monitorReport } from '../../../admin/monitor-report.ts';
import { runMonitorNow, setMonitorEnabled, testMonitorConfig } from '../../../admin/monitors.ts';
import { monitorSchema } from '../../../config/monitor-schema.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { idParams } from './common-schemas.ts';
import { acceptDurationCompanions, durationPaths } from '../../../admin/catalog/duration-fields.ts';
import { catalogConfigView } from '../views/catalog-config-view.ts';
import { monitorReportView, presentMonitorReport } from '../views/monitor-report-view.ts';
import { presentRunResult, runResultView } from '../views/run-result-view.ts';

const item = catalogItemSchema(catalogConfigView(monitorSchema));

export const monitorRoutes: AdminRoute[] = [
  ...catalogRoutes(monitorSpec, { plural: 'monitors', tag: 'Monitors', write: 'configure' }),
  route({
    method: 'GET',
    path: '/api/v1/monitors/:id/report',
    access: 'read',
    tag: 'Monitors',
    summary:
      'The monitor page: recent results with their raw errors, response time per hour and day, uptime over 24 h/7 d/30 d/90 d, status changes and incidents',
    params: idParams,
    response: monitorReportView,
    handle: async (ctx, { params }) => presentMonitorReport(await monitorReport(ctx, params.id)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/monitors/:id/pause',
    access: 'configure',
    tag: 'Monitors',
    summary: 'Pause a monitor (no checks until resumed)',
    params: idParams,
    response: item,
    handle: (ctx, { params }) => setMonitorEnabled(ctx, params.id, false),
  }),
  route({
    method: 'POST',
    path: '/api/v1/monitors/:id/resume',
    access: 'configure',
    tag: 'Monitors',
    summary: 'Resume a paused monitor',
    params: idParams,
    response: item,
    handle: (ctx, { params }) => setMonitorEnabled(ctx, params.id, true),
  }),
  route({
    method: 'POST',
    path: '/api/v1/monitors/:id/run',
    access: 'operate',
    tag: 'Monitors',
    summary:
      'Run the check now and return the result with its raw details; it is recorded when this process checks the monitor, and only returned on a web replica or by a worker that does not own it',
    params: idParams,
    response: runResultView,
    handle: async (ctx, { params }) => presentRunResult(await runMonitorNow(ctx, params.id)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/monitors/test',
    access: 'configure',
    tag: 'Monitors',
    summary: 'Check an unsaved monitor config once (the editor\'s "test now"); nothing is recorded',
    body: monitorSchema,
    prepareBody: (raw) => acceptDurationCompanions(raw, durationPaths(monitorSchema)),
    response: runResultView,
    handle: async (ctx, { body }) => presentRunResult(await testMonitorConfig(ctx, body)),
  }),
];
