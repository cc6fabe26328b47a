import { sql, type Selectable } from 'kysely';
import type { SignInLimitRecord } from '../admin-store.ts';
import type { SignInLimitsTable } from '../schema.ts';
import { chunksFor, type StoreContext } from '../store-context.ts';

export async function listSignInLimits(
  ctx: StoreContext,
  subjects: readonly string[],
  clients: readonly string[],
): Promise<SignInLimitRecord[]> {
  if (subjects.length === 0 || clients.length === 0) return [];
  const rows: SignInLimitRecord[] = [];
  for (const chunk of chunksFor(ctx.dialect, subjects, 1 + clients.length)) {
    const found = await ctx.db
      .selectFrom('sign_in_limits')
      .selectAll()
      .where('subject', 'in', chunk)
      .where('client', 'in', [...clients])
      .execute();
    rows.push(...found.map(toRecord));
  }
  return rows;
}

/**
 * One upsert, so that replicas counting failures of the same subject at once never lose one (PostgreSQL's row
 * lock, SQLite's single writer); the count it returns is this failure's own.
 */
export async function countSignInFailure(
  ctx: StoreContext,
  subject: string,
  client: string,
  now: number,
  forgetBefore: number,
): Promise<number> {
  const row = await ctx.db
    .insertInto('sign_in_limits')
    .values({ subject, client, failures: 1, locked_until: null, last_failure_at: now, last_success_at: null })
    .onConflict((oc) =>
      oc.columns(['subject', 'client']).doUpdateSet({
        failures: sql<number>`case when sign_in_limits.last_failure_at is null or sign_in_limits.last_failure_at < ${forgetBefore} then 1 else sign_in_limits.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockSignIn(
  ctx: StoreContext,
  subject: string,
  client: string,
  lockedUntil: number,
): Promise<void> {
  await ctx.db
    .updateTable('sign_in_limits')
    .set({ locked_until: lockedUntil })
    .where('subject', '=', subject)
    .where('client', '=', client)
    .execute();
}

export async function recordSignInSuccess(
  ctx: StoreContext,
  subject: string,
  client: string,
  now: number,
): Promise<void> {
  await ctx.db
    .insertInto('sign_in_limits')
    .values({ subject, client, failures: 0, locked_until: null, last_failure_at: null, last_success_at: now })
    .onConflict((oc) =>
      oc.columns(['subject', 'client']).doUpdateSet({ failures: 0, locked_until: null, last_success_at: now }),
    )
    .execute();
}

export async function clearSignInFailures(ctx: StoreContext, subjects: readonly string[]): Promise<void> {
  for (const chunk of chunksFor(ctx.dialect, subjects, 1)) {
    await ctx.db
      .updateTable('sign_in_limits')
      .set({ failures: 0, locked_until: null })
      .where('subject', 'in', chunk)
      .execute();
  }
}

export async function pruneSignInLimits(
  ctx: StoreContext,
  failuresBefore: number,
  successesBefore: number,
): Promise<number> {
  const r = await ctx.db
    .deleteFrom('sign_in_limits')
    .where((eb) => eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', failuresBefore)]))
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', successesBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

function toRecord(r: Selectable<SignInLimitsTable>): SignInLimitRecord {
  return {
    subject: r.subject,
    client: r.client,
    failures: r.failures,
    lockedUntil: r.locked_until,
    lastFailureAt: r.last_failure_at,
    lastSuccessAt: r.last_success_at,
  };
}
