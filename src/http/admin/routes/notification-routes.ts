import { z } from 'zod';
import { channelSpec } from '../../../admin/catalog/channel-spec.ts';
import { listDeliveries, retryDelivery, testChannel } from '../../../admin/notifications.ts';
import { OUTBOX_STATES } from '../../../store/outbox-store.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { idParams, limitQuery, pathId } from './common-schemas.ts';
import { deliveryResultView, deliveryView, presentDelivery, presentDeliveryResult } from '../views/delivery-view.ts';

/** event id, target kind and target id joined by colons, e.g. mon:api:1795000000000:down:channel:ops */
const deliveryId = z
  .string()
  .min(1)
  .max(400)
  .regex(
    /^([a-z0-9][a-z0-9_-]{0,62}|[a-z0-9][a-z0-9_.~-]*(:[a-z0-9_.~-]+)+)$/,
    'not a delivery id (event:kind:target)',
  );

export const notificationRoutes: AdminRoute[] = [
  ...catalogRoutes(channelSpec, { plural: 'notification-channels', tag: 'Notification channels', write: 'configure' }),
  route({
    method: 'POST',
    path: '/api/v1/notification-channels/:id/test',
    access: 'configure',
    tag: 'Notification channels',
    summary: "Send a test message through the channel now; answers with the receiver's outcome",
    params: idParams,
    response: deliveryResultView,
    handle: async (ctx, { params }) => presentDeliveryResult(await testChannel(ctx, params.id)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/notifications',
    access: 'read',
    tag: 'Notification channels',
    summary: 'Deliveries in the outbox: pending, sent, or dead (given up, with the last error)',
    query: z
      .object({
        state: z.enum(OUTBOX_STATES).optional(),
        channel: pathId.optional(),
        limit: limitQuery,
        before: deliveryId.optional(),
      })
      .strict(),
    response: z.array(deliveryView),
    handle: async (ctx, { query }) => (await listDeliveries(ctx, query)).map(presentDelivery),
  }),
  route({
    method: 'POST',
    path: '/api/v1/notifications/:id/retry',
    access: 'configure',
    tag: 'Notification channels',
    summary: 'Send a dead delivery again',
    params: z.object({ id: deliveryId }).strict(),
    response: deliveryView,
    handle: async (ctx, { params }) => presentDelivery(await retryDelivery(ctx, params.id)),
  }),
];
