import type { StoreContext } from '../store-context.ts';

export async function createSetupToken(ctx: StoreContext, tokenHash: string, expiresAt: number): Promise<void> {
  await ctx.db
    .insertInto('setup_tokens')
    .values({ token_hash: tokenHash, expires_at: expiresAt, used_at: null })
    .execute();
}

/**
 * Mark the token used when it exists, is unused and has not expired; true when this call did. One UPDATE,
 * so two concurrent calls cannot both win.
 */
export async function consumeSetupToken(ctx: StoreContext, tokenHash: string, now: number): Promise<boolean> {
  const r = await ctx.db
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
