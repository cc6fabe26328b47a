import { hashSecret } from '../auth/secret-token.ts';
import { sessionExpiry } from '../auth/session-policy.ts';
import type { SessionRecord, UserRecord } from '../store/admin-store.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

export interface Authenticated {
  actor: Actor;
  user: UserRecord;
  /** set when a session cookie authenticated the request */
  session: SessionRecord | null;
}

/** Touch a session's last-seen time at most this often (a write per request would be wasteful). */
const TOUCH_EVERY_MS = 60_000;

/**
 * The actor behind a session cookie's secret. A session whose password step passed but whose second factor is
 * still due authenticates nothing but the TOTP step (`allowMfaPending`).
 */
export async function authenticateSession(
  store: Store,
  secret: string,
  now: number,
  ip: string | null,
  opts: { allowMfaPending?: boolean } = {},
): Promise<Authenticated | null> {
  const idHash = hashSecret(secret);
  const session = await store.admin.getSession(idHash);
  if (!session || session.expiresAt <= now) return null;
  if (session.mfaPending && !opts.allowMfaPending) return null;
  const user = await store.admin.getUser(session.userId);
  // made before the password last changed (e.g. by a sign-in that checked the old password while it changed)
  if (!user || user.credentialVersion !== session.credentialVersion) return null;
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    await store.admin.updateSession(idHash, { lastSeenAt: now, expiresAt: sessionExpiry(session.createdAt, now) });
  }
  return { actor: { type: 'user', userId: user.id, label: user.email, role: user.role, ip }, user, session };
}

/** The actor behind `Authorization: Bearer <token>`; expired tokens authenticate nothing. */
export async function authenticateToken(
  store: Store,
  secret: string,
  now: number,
  ip: string | null,
): Promise<Authenticated | null> {
  const token = await store.admin.getTokenByHash(hashSecret(secret));
  if (!token || (token.expiresAt !== null && token.expiresAt <= now)) return null;
  const user = await store.admin.getUser(token.userId);
  if (!user) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt > TOUCH_EVERY_MS) await store.admin.touchToken(token.id, now);
  return {
    actor: {
      type: 'token',
      userId: user.id,
      label: `token "${token.name}" of ${user.email}`,
      role: user.role,
      scopes: token.scopes,
      tokenId: token.id,
      ip,
    },
    user,
    session: null,
  };
}
