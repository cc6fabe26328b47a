import { z } from 'zod';
import { deleteSubscriber, listSubscribers } from '../../../admin/subscribers.ts';
import { presentSubscriber, subscriberView } from '../views/subscriber-view.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams } from './common-schemas.ts';

export const subscriberRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/subscribers',
    access: 'read',
    tag: 'Subscribers',
    summary: 'Public subscribers',
    response: z.array(subscriberView),
    handle: async (ctx) => (await listSubscribers(ctx)).map(presentSubscriber),
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
