import { z } from 'zod';
import { deleteSubscriber, listSubscribers } from '../../../admin/subscribers.ts';
import { requirePermission } from '../../../admin/actor.ts';
import { SUBSCRIBER_KINDS } from '../../../store/admin-store.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams } from './common-schemas.ts';

const subscriberSchema = z.object({ id: z.string(), kind: z.enum(SUBSCRIBER_KINDS), target: z.string(), componentIds: z.array(z.string()), confirmedAt: z.number().nullable(), createdAt: z.number() });

export const subscriberRoutes: AdminRoute[] = [
  route({ method: 'GET', path: '/api/v1/subscribers', access: 'read', tag: 'Subscribers', summary: 'Public subscribers', response: z.array(subscriberSchema), handle: (ctx) => listSubscribers(ctx) }),
  route({ method: 'DELETE', path: '/api/v1/subscribers/:id', access: 'configure', tag: 'Subscribers', summary: 'Remove a subscriber', params: idParams, successStatus: 204, handle: (ctx, { params }) => deleteSubscriber(ctx, params.id) }),
  route({
    method: 'GET',
    path: '/api/v1/notification-channels',
    access: 'read',
    tag: 'Notification channels',
    summary: 'Notification channels (the notifications feature adds them; empty until then)',
    response: z.array(z.object({ id: z.string(), type: z.string(), managed_by: z.enum(['config', 'api']) })),
    async handle(ctx) {
      requirePermission(ctx.actor, 'read');
      return (await ctx.store.admin.listCatalog('channel')).map((c) => ({ id: c.id, type: String((c.config as { type?: unknown }).type ?? 'unknown'), managed_by: c.managedBy }));
    },
  }),
];
