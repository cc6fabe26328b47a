import type { Selectable } from 'kysely';
import type { ApiTokenRecord } from '../admin-store.ts';
import type { ApiTokensTable } from '../schema.ts';
import { insertOrDuplicate } from '../store-errors.ts';
import type { StoreContext } from '../store-context.ts';
import { decodeTokenScopes, encodeTokenScopes } from './token-scopes.ts';

/** Throws DuplicateError when the id or the hash is taken. Scopes are stored (and read back) in TOKEN_SCOPES order. */
export async function createToken(ctx: StoreContext, t: ApiTokenRecord): Promise<void> {
  await insertOrDuplicate(`token ${t.id}`, () =>
    ctx.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        prefix: t.prefix,
        scopes: encodeTokenScopes(t.scopes),
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        last_used_at: t.lastUsedAt,
      })
      .execute(),
  );
}

/** The token, expired or not: the caller compares expiresAt with its clock. */
export async function getTokenByHash(ctx: StoreContext, tokenHash: string): Promise<ApiTokenRecord | undefined> {
  const row = await ctx.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toToken(row);
}

export async function getToken(ctx: StoreContext, id: string): Promise<ApiTokenRecord | undefined> {
  const row = await ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toToken(row);
}

/** Every token, or a user's; newest first (ties by id, descending). */
export async function listTokens(ctx: StoreContext, opts: { userId?: string } = {}): Promise<ApiTokenRecord[]> {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .selectAll()
    .$if(opts.userId !== undefined, (qb) => qb.where('user_id', '=', opts.userId ?? ''))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toToken);
}

export async function touchToken(ctx: StoreContext, id: string, now: number): Promise<void> {
  await ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function deleteToken(ctx: StoreContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('api_tokens').where('id', '=', id).execute();
}

export async function deleteTokensOfUser(ctx: StoreContext, userId: string): Promise<void> {
  await ctx.db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
}

function toToken(r: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    tokenHash: r.token_hash,
    prefix: r.prefix,
    scopes: decodeTokenScopes(r.scopes),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
  };
}
