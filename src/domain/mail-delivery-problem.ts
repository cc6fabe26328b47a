/** What the admin needs of one outbox row to an email target (a mail channel or an email subscriber). */
export interface MailAttempt {
  state: 'pending' | 'sent' | 'dead';
  attempts: number;
  lastError: string | null;
  /** when the row last changed: its latest attempt */
  updatedAt: number;
  /** "channel:ops-mail", "subscriber:abc…" */
  target: string;
}

export interface MailDeliveryProblem {
  /** failed attempts' rows in the window */
  failing: number;
  lastError: string;
  lastFailedAt: number;
  target: string;
}

/**
 * Mail is failing when, within the window, the latest finished attempt to an email target failed: a row given up
 * (dead) or waiting for a retry after an error. A mail that went through after it ends the problem.
 */
export function mailDeliveryProblem(
  attempts: readonly MailAttempt[],
  now: number,
  windowMs = 86_400_000,
): MailDeliveryProblem | null {
  const recent = attempts.filter((a) => a.updatedAt >= now - windowMs);
  const failed = recent.filter(
    (a) => a.lastError !== null && (a.state === 'dead' || (a.state === 'pending' && a.attempts > 0)),
  );
  if (failed.length === 0) return null;
  const latestFailure = failed.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  const latestSent = recent.filter((a) => a.state === 'sent').reduce((max, a) => Math.max(max, a.updatedAt), -Infinity);
  if (latestSent > latestFailure.updatedAt) return null;
  return {
    failing: failed.length,
    lastError: latestFailure.lastError!,
    lastFailedAt: latestFailure.updatedAt,
    target: latestFailure.target,
  };
}
