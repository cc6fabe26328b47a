/**
 * How long a sign-in lasts. A session ends after 12 hours without use or 7 days after sign-in, whichever
 * comes first. The cookie holds the session's secret (`phs_…`, see secret-token.ts); the server keeps
 * only its hash, and the expiry here, not the cookie's Max-Age, is what counts.
 */

export const SESSION_COOKIE = 'pharos_session';

export const SESSION_IDLE_MS = 12 * 60 * 60_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60_000;
/** A session waiting for its second factor gets only this long after the password was accepted. */
export const SESSION_MFA_PENDING_MS = 10 * 60_000;
/** lastSeenAt is written back at most this often, so reads do not turn into a write per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function sessionExpiry(createdAt: number, lastSeenAt: number): number {
  return Math.min(lastSeenAt + SESSION_IDLE_MS, createdAt + SESSION_ABSOLUTE_MS);
}

export function mfaPendingExpiry(createdAt: number): number {
  return createdAt + SESSION_MFA_PENDING_MS;
}

export function isSessionExpired(session: { expiresAt: number }, now: number): boolean {
  return now >= session.expiresAt;
}

export function shouldTouchSession(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= SESSION_TOUCH_INTERVAL_MS;
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  /** seconds, as Set-Cookie's Max-Age */
  maxAge: number;
}

/** Set-Cookie attributes for the session cookie; `secure` off only for plain-HTTP development. */
export function sessionCookieOptions({ secure }: { secure: boolean }): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_ABSOLUTE_MS / 1000 };
}
