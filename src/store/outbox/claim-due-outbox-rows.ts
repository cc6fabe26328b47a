import { sql } from 'kysely';
import type { OutboxRow } from '../outbox-store.ts';
import { isOneOf } from '../id-list.ts';
import type { StoreContext } from '../store-context.ts';
import { byDueOrder, toOutboxRow } from './outbox-row.ts';

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  claimant: string;
  /** only rows for these targets (empty: none) */
  targetIds?: readonly string[];
}

/**
 * Lease up to `limit` due rows to `claimant` in one UPDATE … RETURNING, counting the attempt.
 * PostgreSQL: the inner SELECT locks its rows FOR UPDATE SKIP LOCKED, so concurrent senders pass each other's
 * rows by (and re-check a row committed meanwhile), never claiming one twice. SQLite: one UPDATE statement is one
 * write transaction, and SQLite has one writer at a time, so the choice and the lease are atomic as well.
 */
export async function claimDueOutboxRows(ctx: StoreContext, now: number, opts: ClaimOptions): Promise<OutboxRow[]> {
  if (opts.limit <= 0 || opts.targetIds?.length === 0) return [];
  const due = ctx.db
    .selectFrom('outbox')
    .select('id')
    // a literal, not a parameter, so that SQLite can prove the partial index outbox_due_idx applies
    .where('state', '=', sql.lit('pending'))
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    // one parameter, not one per target: the LIMIT applies across all of them
    .$if(opts.targetIds !== undefined, (qb) => qb.where(isOneOf(ctx.dialect, 'target_id', opts.targetIds ?? [])))
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .orderBy('id')
    .limit(opts.limit)
    .$if(ctx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const rows = await ctx.db
    .updateTable('outbox')
    .set((eb) => ({
      claimed_by: opts.claimant,
      claimed_until: now + opts.leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(toOutboxRow).sort(byDueOrder);
}
