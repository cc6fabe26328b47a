import { lockoutMessage, passwordLockedUntil } from '../auth/account-lockout.ts';
import { clientKey } from '../auth/client-key.ts';
import type { Throttle } from '../auth/shared-throttle.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/password.ts';
import { newCsrfToken, newSecret } from '../auth/secret-token.ts';
import { mfaPendingExpiry, sessionExpiry } from '../auth/session-policy.ts';
import type { SessionRecord, UserRecord } from '../store/admin-store.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { AdminError } from './admin-error.ts';
import { audit } from './audit.ts';
import { readPasswordLimits, recordPasswordFailure, recordPasswordSuccess } from './sign-in-limits.ts';

export interface SignInDeps {
  store: Store;
  /** per client IP, across emails (shared by the replicas: src/auth/shared-throttle.ts) */
  ipThrottle: Throttle;
  now(): number;
}

export interface NewSession {
  /** goes into the cookie; only its hash is stored */
  secret: string;
  session: SessionRecord;
  user: UserRecord;
}

const WRONG = 'The email or password is wrong.';

export const signInLocked = (lockedUntil: number, now: number, what?: string) =>
  new AdminError('locked', lockoutMessage(lockedUntil, now, what), { retryAfterMs: lockedUntil - now });

/**
 * Password sign-in. Rate-limited per IP, then per email and IP, then per email from every IP
 * (src/auth/account-lockout.ts). An email without an account (or without a password) goes through the same steps,
 * counters and scrypt work as a wrong password, so neither the answer nor its timing says which emails exist.
 * With two-factor on, the new session is only good for the code step.
 */
export async function signIn(
  deps: SignInDeps,
  input: { email: string; password: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession & { mfaRequired: boolean }> {
  const now = deps.now();
  const ipKey = clientKey(client.ip);
  const gate = await deps.ipThrottle.check(ipKey);
  if (!gate.allowed)
    throw new AdminError(
      'rate_limited',
      `Too many sign-in attempts from this address. Try again in ${Math.ceil(gate.retryAfterMs / 60_000)} minutes.`,
      { retryAfterMs: gate.retryAfterMs },
    );

  const email = input.email.trim().toLowerCase();
  const user = await deps.store.admin.getUserByEmail(email);
  const limits = await readPasswordLimits(deps.store.admin, email, client.ip);
  const attempt: Actor = {
    type: 'user',
    userId: user?.id ?? null,
    label: email,
    role: user?.role ?? 'viewer',
    ip: client.ip,
  };
  const lockedUntil = passwordLockedUntil(limits, now);
  if (lockedUntil !== null) {
    await deps.ipThrottle.fail(ipKey);
    throw signInLocked(lockedUntil, now);
  }
  const passwordHash = user?.passwordHash ?? null;
  const right = await verifyPassword(input.password, passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || passwordHash === null || !right) {
    await deps.ipThrottle.fail(ipKey);
    const reason = !user
      ? 'unknown email'
      : passwordHash === null
        ? 'no password (single sign-on only)'
        : 'wrong password';
    const failed = await deps.store.admin.transaction(async (tx) => {
      const counted = await recordPasswordFailure(tx, email, client.ip, limits, now);
      await audit(tx, attempt, now, 'user.login.failed', { type: 'user', id: user?.id ?? null }, null, {
        reason,
        clientFailures: counted.clientFailures,
        accountFailures: counted.accountFailures,
        locked: counted.lockedUntil !== null,
      });
      return counted;
    });
    if (failed.lockedUntil !== null) throw signInLocked(failed.lockedUntil, now);
    throw new AdminError('unauthorized', WRONG);
  }
  // the IP's failures are not cleared: someone with one account must not reset the limit for guessing others'
  const rehash = needsRehash(passwordHash) ? await hashPassword(input.password) : undefined;
  const mfaRequired = user.totpEnabled;
  const created = await deps.store.admin.transaction(async (tx) => {
    await tx.updateUser(user.id, {
      updatedAt: now,
      ...(rehash ? { passwordHash: rehash } : {}),
      ...(mfaRequired ? {} : { lastLoginAt: now }),
    });
    // with a second factor due, the client counts as signed in (and familiar) only after the code step
    if (!mfaRequired) await recordPasswordSuccess(tx, email, client.ip, now);
    // bound to the credential version read before the password was checked: a change since makes it worthless
    const made = await createSession(tx, user, now, client, mfaRequired);
    await audit(
      tx,
      attempt,
      now,
      mfaRequired ? 'user.login.password' : 'user.login',
      { type: 'user', id: user.id },
      null,
      { mfa: mfaRequired },
    );
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
    credentialVersion: user.credentialVersion,
  };
  await tx.createSession(session);
  return { secret, session, user };
}
