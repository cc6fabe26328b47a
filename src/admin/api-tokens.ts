import { newSecret } from '../auth/secret-token.ts';
import { roleAllows, type Permission, type TokenScope } from '../domain/access.ts';
import { newId } from '../domain/ids.ts';
import type { ApiTokenRecord } from '../store/admin-store.ts';
import { allows, requirePermission } from './actor.ts';
import { AdminError, notFound } from './admin-error.ts';
import { audit } from './audit.ts';
import type { ServiceContext } from './service-context.ts';

export interface PublicToken {
  id: string;
  name: string;
  user_id: string;
  prefix: string;
  scopes: TokenScope[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function publicToken(t: ApiTokenRecord): PublicToken {
  return {
    id: t.id,
    name: t.name,
    user_id: t.userId,
    prefix: t.prefix,
    scopes: t.scopes,
    created_at: iso(t.createdAt)!,
    expires_at: iso(t.expiresAt),
    last_used_at: iso(t.lastUsedAt),
  };
}

/** The least role each scope is any use to: a viewer asking for `write` gets a clear no instead of a dead token. */
const SCOPE_NEEDS: Record<TokenScope, Permission> = { read: 'read', write: 'operate', admin: 'manage' };

/** A token for the signed-in user (or, for the CLI, for the user named): the secret is returned once. */
export async function createToken(
  ctx: ServiceContext,
  input: { name: string; scopes: TokenScope[]; expiresInMs?: number | null; userId?: string },
): Promise<{ token: string; info: PublicToken }> {
  requirePermission(ctx.actor, 'read');
  if (ctx.actor.type === 'token')
    throw new AdminError('forbidden', 'an API token cannot create tokens; sign in, or use `pharos token create`');
  const userId = input.userId ?? ctx.actor.userId;
  if (!userId)
    throw new AdminError('invalid_input', 'name the user the token is for', {
      issues: [{ path: 'body.user_id', message: 'required' }],
    });
  const now = ctx.now();
  const { secret, hash } = newSecret('pht_');
  const record: ApiTokenRecord = {
    id: newId(),
    userId,
    name: input.name.trim(),
    tokenHash: hash,
    prefix: secret.slice(0, 10),
    scopes: [...new Set(input.scopes)],
    createdAt: now,
    expiresAt: input.expiresInMs ? now + input.expiresInMs : null,
    lastUsedAt: null,
  };
  await ctx.store.admin.transaction(async (tx) => {
    const user = await tx.getUser(userId);
    if (!user) throw notFound('user', userId);
    for (const scope of record.scopes) {
      if (!roleAllows(user.role, SCOPE_NEEDS[scope])) {
        throw new AdminError('invalid_input', `body.scopes: a ${user.role} cannot use the "${scope}" scope`, {
          issues: [{ path: 'body.scopes', message: `a ${user.role} cannot use the "${scope}" scope` }],
        });
      }
    }
    await tx.createToken(record);
    await audit(tx, ctx.actor, now, 'token.create', { type: 'token', id: record.id }, null, publicToken(record));
  });
  return { token: secret, info: publicToken(record) };
}

/** One's own tokens; with `all`, everyone's (manage). */
export async function listTokens(ctx: ServiceContext, opts: { all?: boolean }): Promise<PublicToken[]> {
  requirePermission(ctx.actor, 'read');
  if (opts.all) requirePermission(ctx.actor, 'manage');
  const rows = await ctx.store.admin.listTokens(opts.all ? {} : { userId: ctx.actor.userId ?? '' });
  return rows.map(publicToken);
}

/** Revoke: one's own, or anyone's with manage. */
export async function deleteToken(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx.actor, 'read');
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    const token = await tx.getToken(id);
    if (!token || (token.userId !== ctx.actor.userId && !allows(ctx.actor, 'manage'))) throw notFound('token', id);
    // a token may revoke itself; revoking another needs a person, or a token with the admin scope
    if (ctx.actor.type === 'token' && token.id !== ctx.actor.tokenId && !allows(ctx.actor, 'manage'))
      throw new AdminError('forbidden', 'an API token may revoke only itself (or any token, with the admin scope)');
    await tx.deleteToken(id);
    await audit(tx, ctx.actor, now, 'token.delete', { type: 'token', id }, publicToken(token), null);
  });
}
