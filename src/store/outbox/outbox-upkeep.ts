import type { StoreContext } from '../store-context.ts';

/**
 * A dead row back to pending, due at `now`, unleased, its attempts counted afresh (so that the sender's backoff
 * starts over); the last error stays until the next attempt replaces it. False when the row is not dead.
 */
export async function retryDeadOutboxRow(ctx: StoreContext, id: string, now: number): Promise<boolean> {
  const r = await ctx.db
    .updateTable('outbox')
    .set({
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      claimed_by: null,
      claimed_until: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Delete sent and dead rows settled (last updated) before `olderThan`; pending rows are never pruned. */
export async function pruneOutbox(ctx: StoreContext, olderThan: number): Promise<number> {
  const r = await ctx.db
    .deleteFrom('outbox')
    .where('state', 'in', ['sent', 'dead'])
    .where('updated_at', '<', olderThan)
    .executeTakeFirst();
  const deleted = Number(r.numDeletedRows);
  if (deleted > 0) ctx.logger.info({ deleted }, 'pruned settled outbox rows');
  return deleted;
}
