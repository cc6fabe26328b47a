import { createHash } from 'node:crypto';
import { clientKey } from '../auth/client-key.ts';
import {
  isLocked,
  LOCKOUT_POLICIES,
  lockAfterFailure,
  passwordLockedUntil,
  type LimitState,
  type LockoutPolicy,
} from '../auth/account-lockout.ts';
import type { AdminStore, UserRecord } from '../store/admin-store.ts';

/**
 * The store side of src/auth/account-lockout.ts: which rows a sign-in reads and counts. Password counters are
 * keyed by a hash of the email as typed (lower-cased), so an email without an account is counted exactly like
 * one with; the hash keeps strangers' guesses out of the database as text.
 */

/** the row that counts every client */
const EVERY_CLIENT = '';

export function passwordSubject(email: string): string {
  return `password:${createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex')}`;
}

export function secondFactorSubject(userId: string): string {
  return `totp:${userId}`;
}

export interface PasswordLimits {
  client?: LimitState;
  account?: LimitState;
}

/** The two counters a password attempt for `email` from `ip` is judged by. */
export async function readPasswordLimits(store: AdminStore, email: string, ip: string | null): Promise<PasswordLimits> {
  const client = clientKey(ip);
  const rows = await store.listSignInLimits([passwordSubject(email)], [EVERY_CLIENT, client]);
  return { client: rows.find((r) => r.client === client), account: rows.find((r) => r.client === EVERY_CLIENT) };
}

/** A wrong password (or an unknown email): both counters go up. Returns until when this client must now wait, if at all. */
export async function recordPasswordFailure(
  tx: AdminStore,
  email: string,
  ip: string | null,
  before: PasswordLimits,
  now: number,
): Promise<{ lockedUntil: number | null; clientFailures: number; accountFailures: number }> {
  const subject = passwordSubject(email);
  const client = await countFailure(tx, subject, clientKey(ip), LOCKOUT_POLICIES.client, now);
  const account = await countFailure(tx, subject, EVERY_CLIENT, LOCKOUT_POLICIES.account, now);
  const lockedUntil = passwordLockedUntil(
    {
      client: { lockedUntil: client.lockedUntil, lastSuccessAt: before.client?.lastSuccessAt ?? null },
      account: { lockedUntil: account.lockedUntil ?? before.account?.lockedUntil ?? null, lastSuccessAt: null },
    },
    now,
  );
  return { lockedUntil, clientFailures: client.failures, accountFailures: account.failures };
}

/** The right password: this client's count is cleared and the client becomes familiar. The account-wide count stays (it says nothing to anyone). */
export async function recordPasswordSuccess(
  tx: AdminStore,
  email: string,
  ip: string | null,
  now: number,
): Promise<void> {
  await tx.recordSignInSuccess(passwordSubject(email), clientKey(ip), now);
}

export async function secondFactorLockedUntil(store: AdminStore, userId: string, now: number): Promise<number | null> {
  const [row] = await store.listSignInLimits([secondFactorSubject(userId)], [EVERY_CLIENT]);
  return isLocked(row?.lockedUntil, now) ? row.lockedUntil : null;
}

/** A wrong code: counted for the account, whichever half session it came from. Returns the lock it set, if any. */
export async function recordSecondFactorFailure(
  tx: AdminStore,
  userId: string,
  now: number,
): Promise<{ lockedUntil: number | null; failures: number }> {
  return countFailure(tx, secondFactorSubject(userId), EVERY_CLIENT, LOCKOUT_POLICIES.secondFactor, now);
}

export async function recordSecondFactorSuccess(tx: AdminStore, userId: string, now: number): Promise<void> {
  await tx.recordSignInSuccess(secondFactorSubject(userId), EVERY_CLIENT, now);
}

/** An admin's unlock: every counter of the person, from every client. */
export async function clearSignInLocks(tx: AdminStore, user: Pick<UserRecord, 'id' | 'email'>): Promise<void> {
  await tx.clearSignInFailures([passwordSubject(user.email), secondFactorSubject(user.id)]);
}

/** Until when each user is locked account-wide (password or second factor), for the admin's list. */
export async function accountLocks(
  store: AdminStore,
  users: readonly Pick<UserRecord, 'id' | 'email'>[],
  now: number,
): Promise<Map<string, number>> {
  const owner = new Map<string, string>();
  for (const u of users) {
    owner.set(passwordSubject(u.email), u.id);
    owner.set(secondFactorSubject(u.id), u.id);
  }
  const locks = new Map<string, number>();
  for (const row of await store.listSignInLimits([...owner.keys()], [EVERY_CLIENT])) {
    const id = owner.get(row.subject);
    if (id === undefined || !isLocked(row.lockedUntil, now)) continue;
    locks.set(id, Math.max(locks.get(id) ?? 0, row.lockedUntil));
  }
  return locks;
}

async function countFailure(
  tx: AdminStore,
  subject: string,
  client: string,
  policy: LockoutPolicy,
  now: number,
): Promise<{ lockedUntil: number | null; failures: number }> {
  const failures = await tx.countSignInFailure(subject, client, now, now - policy.forgetAfterMs);
  const lockedUntil = lockAfterFailure(failures, policy, now);
  if (lockedUntil !== null) await tx.lockSignIn(subject, client, lockedUntil);
  return { lockedUntil, failures };
}
