import { z } from 'zod';
import { channelSpec } from '../../../admin/catalog/channel-spec.ts';
import { listDeliveries, retryDelivery, testChannel } from '../../../admin/notifications.ts';
import { OUTBOX_STATES } from '../../../store/outbox-store.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { idParams, limitQuery, pathId } from './common-schemas.ts';

const deliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  target: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number(),
  created_at: z.number(),
  next_attempt_at: z.number(),
  sent_at: z.number().nullable(),
  last_error: z.string().nullable(),
  last_status: z.number().nullable(),
  last_body: z.string().nullable(),
});

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
    response: z.object({
      ok: z.boolean(),
      retryable: z.boolean().optional(),
      error: z.string().optional(),
      remoteStatus: z.number().optional(),
      remoteBody: z.string().optional(),
      retryAfterMs: z.number().optional(),
    }),
    handle: (ctx, { params }) => testChannel(ctx, params.id),
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
    response: z.array(deliverySchema),
    handle: (ctx, { query }) => listDeliveries(ctx, query),
  }),
  route({
    method: 'POST',
    path: '/api/v1/notifications/:id/retry',
    access: 'configure',
    tag: 'Notification channels',
    summary: 'Send a dead delivery again',
    params: z.object({ id: deliveryId }).strict(),
    response: deliverySchema,
    handle: (ctx, { params }) => retryDelivery(ctx, params.id),
  }),
];
