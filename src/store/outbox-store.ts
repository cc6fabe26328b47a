import type { NotificationEvent } from '../notify/notification-event.ts';

/**
 * The notification outbox: one row per (event, channel or subscriber), written in the same transaction as the change
 * that caused it, claimed by a sender, retried with backoff, dead-lettered after a maximum age. Implemented over
 * Kysely for SQLite and PostgreSQL (src/store/outbox/), reached as `store.outbox`, covered by
 * test/store/contract-outbox.test.ts.
 *
 * At least once, never twice after success: a claimed row is leased (`claimedUntil`); a sender that dies leaves it to be
 * claimed again when the lease ends; a row marked sent is never claimed again. (event id, target) is unique, so the
 * same event cannot be queued twice for one target.
 */
export interface OutboxStore {
  /** insert, skipping rows whose (eventId, targetId) already exists; joins the open transaction when given one */
  enqueue(rows: readonly NewOutboxRow[]): Promise<number>;
  /**
   * Claim up to `limit` due rows (pending, nextAttemptAt <= now, not leased or lease expired), oldest due first, and
   * lease them to `claimant` until now + leaseMs. PostgreSQL: FOR UPDATE SKIP LOCKED, so several senders never claim
   * the same row; SQLite: one statement in a write transaction (a single claimant at a time).
   */
  claimDue(
    now: number,
    opts: { limit: number; leaseMs: number; claimant: string; targetIds?: readonly string[] },
  ): Promise<OutboxRow[]>;
  /** only while the row is still leased to this claimant; false otherwise (another sender took it over) */
  markSent(id: string, claimant: string, now: number, remoteStatus: number | null): Promise<boolean>;
  /** a failed attempt: pending again at nextAttemptAt, or dead; keeps the last error */
  markFailed(
    id: string,
    claimant: string,
    outcome: {
      now: number;
      error: string;
      remoteStatus: number | null;
      remoteBody: string | null;
      nextAttemptAt: number | null;
    },
  ): Promise<boolean>;
  /** hand a claimed row back untouched (shutdown, rate limit): due again at `nextAttemptAt` */
  release(id: string, claimant: string, nextAttemptAt: number): Promise<void>;
  /** several rows folded into one message (coalescing): all marked sent with the one delivery's outcome */
  markManySent(ids: readonly string[], claimant: string, now: number, remoteStatus: number | null): Promise<number>;
  list(filter: { state?: OutboxState; targetId?: string; limit: number; before?: string }): Promise<OutboxRow[]>;
  get(id: string): Promise<OutboxRow | undefined>;
  /** a dead row goes back to pending, due now (the admin's "retry") */
  retry(id: string, now: number): Promise<boolean>;
  stats(now: number): Promise<OutboxStats>;
  /** delete sent and dead rows older than the cut-off */
  prune(olderThan: number): Promise<number>;

  /** a named value kept once for the whole installation (e.g. the HMAC secret for signed links); created on first use */
  setting(key: string, make: () => string): Promise<string>;
}

export const OUTBOX_STATES = ['pending', 'sent', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const OUTBOX_TARGET_KINDS = ['channel', 'subscriber'] as const;
export type OutboxTargetKind = (typeof OUTBOX_TARGET_KINDS)[number];

export interface NewOutboxRow {
  /** `${eventId}:${targetKind}:${targetId}` */
  id: string;
  eventId: string;
  eventType: string;
  targetKind: OutboxTargetKind;
  /** channel id or subscriber id */
  targetId: string;
  event: NotificationEvent;
  createdAt: number;
  nextAttemptAt: number;
}

export interface OutboxRow extends NewOutboxRow {
  state: OutboxState;
  attempts: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  sentAt: number | null;
  lastError: string | null;
  lastStatus: number | null;
  lastBody: string | null;
  updatedAt: number;
}

export interface OutboxStats {
  pending: number;
  dead: number;
  /** created_at of the oldest pending row, or null */
  oldestPendingAt: number | null;
  /** pending rows per target id */
  pendingByTarget: Record<string, number>;
  deadByTarget: Record<string, number>;
}
