import { z } from 'zod';
import { monitorSpec } from '../../../admin/catalog/catalog-kinds.ts';
import { catalogItemSchema } from '../../../admin/catalog/catalog-service.ts';
import { runMonitorNow, setMonitorEnabled, testMonitorConfig } from '../../../admin/monitors.ts';
import { monitorSchema } from '../../../config/monitor-schema.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { idParams } from './common-schemas.ts';

export const runResultSchema = z.object({
  monitorId: z.string(),
  ok: z.boolean(),
  degraded: z.boolean(),
  latencyMs: z.number(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  startedAt: z.number(),
  details: z.unknown(),
});

const item = catalogItemSchema(z.unknown());

export const monitorRoutes: AdminRoute[] = [
  ...catalogRoutes(monitorSpec, { plural: 'monitors', tag: 'Monitors', write: 'configure' }),
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
    response: runResultSchema,
    handle: (ctx, { params }) => runMonitorNow(ctx, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/v1/monitors/test',
    access: 'configure',
    tag: 'Monitors',
    summary: 'Check an unsaved monitor config once (the editor\'s "test now"); nothing is recorded',
    body: monitorSchema,
    response: runResultSchema,
    handle: (ctx, { body }) => testMonitorConfig(ctx, body),
  }),
];
