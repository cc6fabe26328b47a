import { z } from 'zod';
import { componentSpec, groupSpec, maintenanceSpec, pageSpec } from '../../../admin/catalog/catalog-kinds.ts';
import {
  catalogOrder,
  catalogOrderSchema,
  orderComponents,
  orderGroups,
} from '../../../admin/catalog/catalog-order.ts';
import { monitorComponentsSchema, setMonitorComponents } from '../../../admin/catalog/monitor-components.ts';
import { clearComponentStatus, listComponentStatuses, setComponentStatus } from '../../../admin/component-overrides.ts';
import { COMPONENT_STATUSES } from '../../../domain/statuses.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { idParams } from './common-schemas.ts';
import { componentOverrideView, presentComponentOverride } from '../views/component-override-view.ts';

export const componentRoutes: AdminRoute[] = [
  ...catalogRoutes(componentSpec, { plural: 'components', tag: 'Components', write: 'configure' }),
  route({
    method: 'GET',
    path: '/api/v1/component-statuses',
    access: 'read',
    tag: 'Components',
    summary: 'Manual status overrides in force',
    response: z.array(componentOverrideView),
    handle: async (ctx) => (await listComponentStatuses(ctx)).map(presentComponentOverride),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/components/:id/status',
    access: 'operate',
    tag: 'Components',
    summary: "Set a component's status by hand (wins over its monitors until cleared; config components too)",
    params: idParams,
    body: z.object({ status: z.enum(COMPONENT_STATUSES), note: z.string().max(500).optional() }).strict(),
    response: componentOverrideView,
    handle: async (ctx, { params, body }) => presentComponentOverride(await setComponentStatus(ctx, params.id, body)),
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
  route({
    method: 'PUT',
    path: '/api/v1/monitors/:id/components',
    access: 'configure',
    tag: 'Monitors',
    summary: 'The components this monitor belongs to (each component gaining or losing it is changed)',
    params: idParams,
    body: monitorComponentsSchema,
    response: z.object({ ids: z.array(z.string()) }),
    handle: (ctx, { params, body }) => setMonitorComponents(ctx, params.id, body),
  }),
  ...orderRoutes('component', 'components', 'Components'),
  ...orderRoutes('group', 'groups', 'Component groups'),
  ...catalogRoutes(groupSpec, { plural: 'groups', tag: 'Component groups', write: 'configure' }),
  ...catalogRoutes(pageSpec, { plural: 'pages', tag: 'Pages', write: 'configure' }),
  ...catalogRoutes(maintenanceSpec, { plural: 'maintenances', tag: 'Maintenance', write: 'operate' }),
];

/** GET and PUT /api/v1/component-order and /api/v1/group-order: the display order (the config file's objects first). */
function orderRoutes(kind: 'component' | 'group', plural: string, tag: string): AdminRoute[] {
  const path = `/api/v1/${kind}-order`;
  const orderSchema = z.object({ ids: z.array(z.string()) });
  return [
    route({
      method: 'GET',
      path,
      access: 'read',
      tag,
      summary: `The ${plural} in display order`,
      response: orderSchema,
      handle: (ctx) => catalogOrder(ctx, kind),
    }),
    route({
      method: 'PUT',
      path,
      access: 'configure',
      tag,
      summary: `Put the API's ${plural} in this order (after the config file's, which keep their places)`,
      description:
        kind === 'group'
          ? "A group is shown where its first component is: the API's components move with their groups."
          : undefined,
      body: catalogOrderSchema,
      response: orderSchema,
      handle: (ctx, { body }) => (kind === 'group' ? orderGroups(ctx, body) : orderComponents(ctx, body)),
    }),
  ];
}
