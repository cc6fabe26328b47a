import type { UpdateObject } from 'kysely';
import type { Database } from '../schema.ts';
import { chunksFor, type StoreContext } from '../store-context.ts';

export interface FailedAttempt {
  now: number;
  error: string;
  remoteStatus: number | null;
  remoteBody: string | null;
  /** null: give up, the row is dead */
  nextAttemptAt: number | null;
}

/**
 * The end of a claimed attempt. Each update applies only while the row is pending and `claimant` holds it:
 * a sender whose lease ran out and was taken over gets false and must not touch the row.
 */
export async function markOutboxRowSent(
  ctx: StoreContext,
  id: string,
  claimant: string,
  now: number,
  remoteStatus: number | null,
): Promise<boolean> {
  return (await markOutboxRowsSent(ctx, [id], claimant, now, remoteStatus)) === 1;
}

/** Several rows delivered in one message; returns how many were still this claimant's to mark. */
export async function markOutboxRowsSent(
  ctx: StoreContext,
  ids: readonly string[],
  claimant: string,
  now: number,
  remoteStatus: number | null,
): Promise<number> {
  let marked = 0;
  // claimed_by stays: who delivered it
  for (const chunk of chunksFor(ctx.dialect, [...new Set(ids)], 1)) {
    marked += await updateClaimed(ctx, chunk, claimant, {
      state: 'sent',
      sent_at: now,
      last_status: remoteStatus,
      claimed_until: null,
      updated_at: now,
    });
  }
  return marked;
}

export async function markOutboxRowFailed(
  ctx: StoreContext,
  id: string,
  claimant: string,
  attempt: FailedAttempt,
): Promise<boolean> {
  const outcome = {
    last_error: attempt.error,
    last_status: attempt.remoteStatus,
    last_body: attempt.remoteBody,
    claimed_until: null,
    updated_at: attempt.now,
  };
  const set: UpdateObject<Database, 'outbox'> =
    attempt.nextAttemptAt === null
      ? { ...outcome, state: 'dead' }
      : { ...outcome, state: 'pending', next_attempt_at: attempt.nextAttemptAt, claimed_by: null };
  return (await updateClaimed(ctx, [id], claimant, set)) === 1;
}

/** Hand a claimed row back as if it had not been claimed (the claim's attempt is given back): due at `nextAttemptAt`. */
export async function releaseOutboxRow(
  ctx: StoreContext,
  id: string,
  claimant: string,
  nextAttemptAt: number,
): Promise<void> {
  await updateClaimed(ctx, [id], claimant, {
    attempts: (eb) => eb('attempts', '-', 1),
    next_attempt_at: nextAttemptAt,
    claimed_by: null,
    claimed_until: null,
  });
}

async function updateClaimed(
  ctx: StoreContext,
  ids: readonly string[],
  claimant: string,
  set: UpdateObject<Database, 'outbox'>,
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await ctx.db
    .updateTable('outbox')
    .set(set)
    .where('id', 'in', ids)
    .where('claimed_by', '=', claimant)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
