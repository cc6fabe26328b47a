import type { SubscriberRecord } from '../store/admin-store.ts';
import { requirePermission } from './actor.ts';
import { notFound } from './admin-error.ts';
import { audit } from './audit.ts';
import type { ServiceContext } from './service-context.ts';

export async function listSubscribers(ctx: ServiceContext): Promise<SubscriberRecord[]> {
  requirePermission(ctx.actor, 'read');
  return ctx.store.admin.listSubscribers();
}

export async function deleteSubscriber(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx.actor, 'configure');
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    const found = await tx.getSubscriber(id);
    if (!found) throw notFound('subscriber', id);
    await tx.deleteSubscriber(id);
    await audit(tx, ctx.actor, now, 'subscriber.delete', { type: 'subscriber', id }, found, null);
  });
}
