import type { ChannelConfig } from '../notify/channel-schema.ts';
import type { DeliveryResult } from '../notify/notifier.ts';
import type { OutboxRow, OutboxState } from '../store/outbox-store.ts';
import { requirePermission } from './actor.ts';
import { AdminError, notFound } from './admin-error.ts';
import { audit } from './audit.ts';
import type { ServiceContext } from './service-context.ts';

/** An outbox row as the admin sees it (the dead-letter view): what, to whom, how it went. */
export interface PublicDelivery {
  id: string;
  event_id: string;
  event_type: string;
  target: string;
  state: OutboxState;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
  last_status: number | null;
  last_body: string | null;
}

const publicDelivery = (r: OutboxRow): PublicDelivery => ({
  id: r.id,
  event_id: r.eventId,
  event_type: r.eventType,
  target: `${r.targetKind}:${r.targetId}`,
  state: r.state,
  attempts: r.attempts,
  created_at: r.createdAt,
  next_attempt_at: r.nextAttemptAt,
  sent_at: r.sentAt,
  last_error: r.lastError,
  last_status: r.lastStatus,
  last_body: r.lastBody,
});

export async function listDeliveries(
  ctx: ServiceContext,
  filter: { state?: OutboxState; channel?: string; limit: number; before?: string },
): Promise<PublicDelivery[]> {
  requirePermission(ctx.actor, 'read');
  return (
    await ctx.store.outbox.list({
      state: filter.state,
      targetId: filter.channel,
      limit: filter.limit,
      before: filter.before,
    })
  ).map(publicDelivery);
}

/** Send a dead letter again (due now). */
export async function retryDelivery(ctx: ServiceContext, id: string): Promise<PublicDelivery> {
  requirePermission(ctx.actor, 'configure');
  const row = await ctx.store.outbox.get(id);
  if (!row) throw notFound('delivery', id);
  if (row.state !== 'dead')
    throw new AdminError('conflict', `delivery "${id}" is ${row.state}; only dead ones are retried by hand`);
  const now = ctx.now();
  await ctx.store.outbox.retry(id, now);
  await ctx.store.admin.transaction((tx) =>
    audit(
      tx,
      ctx.actor,
      now,
      'delivery.retry',
      { type: 'delivery', id },
      { state: 'dead', lastError: row.lastError },
      { state: 'pending' },
    ),
  );
  await ctx.runtime.deliveriesQueued();
  return publicDelivery((await ctx.store.outbox.get(id))!);
}

/** The channel's "send test": one test message now, straight to the receiver, with the receiver's answer. */
export async function testChannel(ctx: ServiceContext, id: string): Promise<DeliveryResult> {
  requirePermission(ctx.actor, 'configure');
  const found = await ctx.store.admin.getCatalog('channel', id);
  if (!found) throw notFound('notification channel', id);
  const result = await ctx.runtime.testChannel(found.config as ChannelConfig, found.managedBy, ctx.actor.label);
  const now = ctx.now();
  await ctx.store.admin.transaction((tx) =>
    audit(tx, ctx.actor, now, 'channel.test', { type: 'channel', id }, null, {
      ok: result.ok,
      error: result.ok ? null : result.error,
    }),
  );
  return result;
}
