import { z } from 'zod';
import { componentSpec, groupSpec, maintenanceSpec, pageSpec } from '../../../admin/catalog/catalog-kinds.ts';
import { clearComponentStatus, listComponentStatuses, setComponentStatus } from '../../../admin/component-overrides.ts';
import { COMPONENT_STATUSES } from '../../../domain/statuses.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { idParams } from './common-schemas.ts';

const overrideSchema = z.object({
  componentId: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  note: z.string().nullable(),
  setAt: z.number(),
  setBy: z.string().nullable(),
});

export const componentRoutes: AdminRoute[] = [
  ...catalogRoutes(componentSpec, { plural: 'components', tag: 'Components', write: 'configure' }),
  route({
    method: 'GET',
    path: '/api/v1/component-statuses',
    access: 'read',
    tag: 'Components',
    summary: 'Manual status overrides in force',
    response: z.array(overrideSchema),
    handle: (ctx) => listComponentStatuses(ctx),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/components/:id/status',
    access: 'operate',
    tag: 'Components',
    summary: "Set a component's status by hand (wins over its monitors until cleared; config components too)",
    params: idParams,
    body: z.object({ status: z.enum(COMPONENT_STATUSES), note: z.string().max(500).optional() }).strict(),
    response: overrideSchema,
    handle: (ctx, { params, body }) => setComponentStatus(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/components/:id/status',
    access: 'operate',
    tag: 'Components',
    summary: 'Clear the manual status: the monitors decide again',
    params: idParams,
    successStatus: 204,
    handle: (ctx, { params }) => clearComponentStatus(ctx, params.id),
  }),
  ...catalogRoutes(groupSpec, { plural: 'groups', tag: 'Component groups', write: 'configure' }),
  ...catalogRoutes(pageSpec, { plural: 'pages', tag: 'Pages', write: 'configure' }),
  ...catalogRoutes(maintenanceSpec, { plural: 'maintenances', tag: 'Maintenance', write: 'operate' }),
];
