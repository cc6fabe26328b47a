import { z } from 'zod';
import { deleteSubscriber, listSubscribers } from '../../../admin/subscribers.ts';
import { SUBSCRIBER_KINDS } from '../../../store/admin-store.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams } from './common-schemas.ts';

const subscriberSchema = z.object({
  id: z.string(),
  kind: z.enum(SUBSCRIBER_KINDS),
  target: z.string(),
  componentIds: z.array(z.string()),
  confirmedAt: z.number().nullable(),
  createdAt: z.number(),
  pageSlug: z.string().describe("the status page subscribed through ('' = the page at /)"),
});

export const subscriberRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/subscribers',
    access: 'read',
    tag: 'Subscribers',
    summary: 'Public subscribers',
    response: z.array(subscriberSchema),
    handle: (ctx) => listSubscribers(ctx),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/subscribers/:id',
    access: 'configure',
    tag: 'Subscribers',
    summary: 'Remove a subscriber',
    params: idParams,
    successStatus: 204,
    handle: (ctx, { params }) => deleteSubscriber(ctx, params.id),
  }),
];
