import type { Selectable } from 'kysely';
import type { SessionRecord } from '../admin-store.ts';
import type { SessionsTable } from '../schema.ts';
import type { StoreContext } from '../store-context.ts';

type SessionPatch = Partial<
  Pick<SessionRecord, 'lastSeenAt' | 'expiresAt' | 'mfaPending' | 'csrfToken' | 'credentialVersion'>
>;

export async function createSession(ctx: StoreContext, s: SessionRecord): Promise<void> {
  await ctx.db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      mfa_pending: s.mfaPending ? 1 : 0,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
      credential_version: s.credentialVersion,
    })
    .execute();
}

/** The session, expired or not: the caller compares expiresAt with its clock. */
export async function getSession(ctx: StoreContext, idHash: string): Promise<SessionRecord | undefined> {
  const row = await ctx.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row && toSession(row);
}

export async function updateSession(ctx: StoreContext, idHash: string, patch: SessionPatch): Promise<void> {
  const set = {
    last_seen_at: patch.lastSeenAt,
    expires_at: patch.expiresAt,
    mfa_pending: patch.mfaPending === undefined ? undefined : patch.mfaPending ? (1 as const) : (0 as const),
    csrf_token: patch.csrfToken,
    credential_version: patch.credentialVersion,
  };
  if (Object.values(set).every((v) => v === undefined)) return;
  await ctx.db.updateTable('sessions').set(set).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(ctx: StoreContext, idHash: string): Promise<boolean> {
  const r = await ctx.db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Every session of the user but `keepIdHash` (when given); returns how many went. */
export async function deleteSessionsOfUser(ctx: StoreContext, userId: string, keepIdHash?: string): Promise<number> {
  const r = await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keepIdHash !== undefined, (qb) => qb.where('id_hash', '!=', keepIdHash ?? ''))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sessions whose expiresAt is at or before `now`. */
export async function deleteExpiredSessions(ctx: StoreContext, now: number): Promise<number> {
  const r = await ctx.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

function toSession(r: Selectable<SessionsTable>): SessionRecord {
  return {
    idHash: r.id_hash,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    mfaPending: r.mfa_pending === 1,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
    credentialVersion: r.credential_version,
  };
}
