import { afterFailedLogin, isLocked, lockoutMessage } from '../auth/account-lockout.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/password.ts';
import { newCsrfToken, newSecret } from '../auth/secret-token.ts';
import { mfaPendingExpiry, sessionExpiry } from '../auth/session-policy.ts';
import type { SessionRecord, UserRecord } from '../store/admin-store.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { AdminError } from './admin-error.ts';
import { audit } from './audit.ts';

export interface SignInDeps {
  store: Store;
  /** per client IP */
  ipThrottle: LoginThrottle;
  now(): number;
}

export interface NewSession {
  /** goes into the cookie; only its hash is stored */
  secret: string;
  session: SessionRecord;
  user: UserRecord;
}

const WRONG = 'The email or password is wrong.';

/**
 * Password sign-in. Rate-limited per IP and locked per account after repeated failures; an unknown email costs the
 * same time as a wrong password so that nobody learns which emails exist. With two-factor on, the new session is
 * only good for the code step.
 */
export async function signIn(deps: SignInDeps, input: { email: string; password: string }, client: { ip: string | null; userAgent: string | null }): Promise<NewSession & { mfaRequired: boolean }> {
  const now = deps.now();
  const ipKey = client.ip ?? 'unknown';
  const gate = deps.ipThrottle.check(ipKey);
  if (!gate.allowed) throw new AdminError('rate_limited', `Too many sign-in attempts from this address. Try again in ${Math.ceil(gate.retryAfterMs / 60_000)} minutes.`, { retryAfterMs: gate.retryAfterMs });

  const email = input.email.trim().toLowerCase();
  const user = await deps.store.admin.getUserByEmail(email);
  const attempt: Actor = { type: 'user', userId: user?.id ?? null, label: email, role: user?.role ?? 'viewer', ip: client.ip };
  if (!user || user.passwordHash === null) {
    await verifyPassword(input.password, DUMMY_PASSWORD_HASH);
    deps.ipThrottle.fail(ipKey);
    await deps.store.admin.transaction((tx) => audit(tx, attempt, now, 'user.login.failed', { type: 'user', id: user?.id ?? null }, null, { reason: user ? 'no password (single sign-on only)' : 'unknown email' }));
    throw new AdminError('unauthorized', WRONG);
  }
  if (isLocked(user, now)) {
    deps.ipThrottle.fail(ipKey);
    throw new AdminError('locked', lockoutMessage(user.lockedUntil!, now), { retryAfterMs: user.lockedUntil! - now });
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    deps.ipThrottle.fail(ipKey);
    const next = afterFailedLogin({ failedLogins: user.failedLogins, lockedUntil: user.lockedUntil }, now);
    await deps.store.admin.transaction(async (tx) => {
      await tx.updateUser(user.id, { ...next, updatedAt: now });
      await audit(tx, attempt, now, 'user.login.failed', { type: 'user', id: user.id }, null, { reason: 'wrong password', failedLogins: next.failedLogins, locked: isLocked(next, now) });
    });
    if (isLocked(next, now)) throw new AdminError('locked', lockoutMessage(next.lockedUntil!, now), { retryAfterMs: next.lockedUntil! - now });
    throw new AdminError('unauthorized', WRONG);
  }
  // the IP's failures are not cleared: someone with one account must not reset the limit for guessing others'
  const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : undefined;
  const mfaRequired = user.totpEnabled;
  const created = await deps.store.admin.transaction(async (tx) => {
    await tx.updateUser(user.id, { failedLogins: 0, lockedUntil: null, updatedAt: now, ...(rehash ? { passwordHash: rehash } : {}), ...(mfaRequired ? {} : { lastLoginAt: now }) });
    const made = await createSession(tx, user, now, client, mfaRequired);
    await audit(tx, attempt, now, mfaRequired ? 'user.login.password' : 'user.login', { type: 'user', id: user.id }, null, { mfa: mfaRequired });
    return made;
  });
  return { ...created, mfaRequired };
}

/** A new server-side session for a user (also used after OIDC and after the second factor, which rotates it). */
export async function createSession(
  tx: Store['admin'],
  user: UserRecord,
  now: number,
  client: { ip: string | null; userAgent: string | null },
  mfaPending = false,
): Promise<NewSession> {
  const { secret, hash } = newSecret('phs_');
  const session: SessionRecord = {
    idHash: hash,
    userId: user.id,
    csrfToken: newCsrfToken(),
    mfaPending,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: mfaPending ? mfaPendingExpiry(now) : sessionExpiry(now, now),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  };
  await tx.createSession(session);
  return { secret, session, user };
}
