/**
 * Per-account lockout after consecutive failed sign-ins: every 5th failure in a row locks the account,
 * 15 minutes the first time, doubling each further time, never more than 24 hours. A successful sign-in
 * resets the count. Call `afterFailedLogin` only for attempts made while the account is not locked (check
 * `isLocked` first and refuse without looking at the password), so a locked account cannot be kept locked
 * for longer by hammering it.
 */

export const LOCKOUT_POLICY = {
  failuresPerLock: 5,
  firstLockMs: 15 * 60_000,
  maxLockMs: 24 * 60 * 60_000,
} as const;

export interface LockoutState {
  failedLogins: number;
  lockedUntil: number | null;
}

export function afterFailedLogin({ failedLogins, lockedUntil }: LockoutState, now: number): LockoutState {
  const failures = failedLogins + 1;
  if (failures % LOCKOUT_POLICY.failuresPerLock !== 0) return { failedLogins: failures, lockedUntil };
  const locksSoFar = failures / LOCKOUT_POLICY.failuresPerLock - 1;
  const lockMs = Math.min(LOCKOUT_POLICY.firstLockMs * 2 ** locksSoFar, LOCKOUT_POLICY.maxLockMs);
  return { failedLogins: failures, lockedUntil: now + lockMs };
}

export function afterSuccessfulLogin(): LockoutState {
  return { failedLogins: 0, lockedUntil: null };
}

export function isLocked(user: { lockedUntil: number | null }, now: number): boolean {
  return user.lockedUntil !== null && now < user.lockedUntil;
}

/** What to tell the person, rounded up so it is never too early: "Try again in 14 minutes." */
export function lockoutMessage(lockedUntil: number, now: number): string {
  const ms = Math.max(lockedUntil - now, 0);
  const minutes = Math.max(Math.ceil(ms / 60_000), 1);
  const wait = minutes <= 90 ? plural(minutes, 'minute') : plural(Math.ceil(ms / 3_600_000), 'hour');
  return `Too many failed sign-ins. Try again in ${wait}.`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
