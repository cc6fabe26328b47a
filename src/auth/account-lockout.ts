/**
 * When failed sign-ins lock, as pure functions over counts kept in the store (sign_in_limits), so that every
 * replica applies the same limits. Three counters:
 *
 * - `client`: one address guessing one email's password. Every 5th failure in a row locks that address out of
 *   that email: 15 minutes, doubling, at most 24 hours. Strangers lock out only themselves.
 * - `account`: every address together guessing one email's password (a distributed guess). It locks only at a
 *   much higher count, for at most 4 hours, and not for an address the person signed in from successfully in
 *   the last 30 days ("familiar"), so strangers cannot keep the owner out from their usual places.
 * - `secondFactor`: wrong TOTP or recovery codes for one account, across sign-ins (someone who knows the
 *   password cannot get fresh tries by signing in again).
 *
 * Password failures are counted per email string, whether or not it has an account, so that a lock (and every
 * other answer) is the same for an email that exists and one that does not. A lock is checked before the
 * password is looked at, and attempts refused by it are not counted, so hammering a lock does not lengthen it.
 * A count whose last failure is older than `forgetAfterMs` starts again.
 */

export interface LockoutPolicy {
  failuresPerLock: number;
  firstLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

export const LOCKOUT_POLICIES = {
  client: { failuresPerLock: 5, firstLockMs: 15 * MIN, maxLockMs: 24 * HOUR, forgetAfterMs: 48 * HOUR },
  account: { failuresPerLock: 50, firstLockMs: 15 * MIN, maxLockMs: 4 * HOUR, forgetAfterMs: 24 * HOUR },
  secondFactor: { failuresPerLock: 5, firstLockMs: 15 * MIN, maxLockMs: 24 * HOUR, forgetAfterMs: 48 * HOUR },
} as const satisfies Record<string, LockoutPolicy>;

/** An address a person signed in from this recently is not shut out by an account-wide lock. */
export const FAMILIAR_CLIENT_MS = 30 * 24 * HOUR;

/** Until when the `failures`-th failure in a row locks; null when it does not. */
export function lockAfterFailure(failures: number, policy: LockoutPolicy, now: number): number | null {
  if (failures <= 0 || failures % policy.failuresPerLock !== 0) return null;
  const locksSoFar = failures / policy.failuresPerLock - 1;
  return now + Math.min(policy.firstLockMs * 2 ** locksSoFar, policy.maxLockMs);
}

export function isLocked(lockedUntil: number | null | undefined, now: number): lockedUntil is number {
  return lockedUntil != null && now < lockedUntil;
}

/** What the store holds for one counter (a missing row is a clean one). */
export interface LimitState {
  lockedUntil: number | null;
  lastSuccessAt: number | null;
}

/**
 * Whether a password attempt for an email from a client may go ahead: null, or until when it may not.
 * The account-wide lock spares a familiar client; the client's own lock spares nobody.
 */
export function passwordLockedUntil(limits: { client?: LimitState; account?: LimitState }, now: number): number | null {
  const { client, account } = limits;
  const familiar = client?.lastSuccessAt != null && now - client.lastSuccessAt < FAMILIAR_CLIENT_MS;
  const until = [client?.lockedUntil, familiar ? null : account?.lockedUntil].filter((t): t is number =>
    isLocked(t, now),
  );
  return until.length === 0 ? null : Math.max(...until);
}

/** What to tell the person, rounded up so it is never too early: "Try again in 14 minutes." */
export function lockoutMessage(lockedUntil: number, now: number, what = 'failed sign-ins'): string {
  const ms = Math.max(lockedUntil - now, 0);
  const minutes = Math.max(Math.ceil(ms / 60_000), 1);
  const wait = minutes <= 90 ? plural(minutes, 'minute') : plural(Math.ceil(ms / 3_600_000), 'hour');
  return `Too many ${what}. Try again in ${wait}.`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
