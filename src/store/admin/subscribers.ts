import type { SubscriberRecord } from '../admin-store.ts';
import { insertOrDuplicate } from '../store-errors.ts';
import type { StoreContext } from '../store-context.ts';
import { toSubscriber } from '../subscribers/subscriber-row.ts';

/** Oldest first (ties by id). */
export async function listSubscribers(ctx: StoreContext): Promise<SubscriberRecord[]> {
  const rows = await ctx.db.selectFrom('subscribers').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubscriber);
}

export async function getSubscriber(ctx: StoreContext, id: string): Promise<SubscriberRecord | undefined> {
  const row = await ctx.db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSubscriber(row);
}

/** Throws DuplicateError when the id, or the same kind and target, is taken. */
export async function createSubscriber(ctx: StoreContext, s: SubscriberRecord): Promise<void> {
  await insertOrDuplicate(`${s.kind} subscriber ${s.target}`, () =>
    ctx.db
      .insertInto('subscribers')
      .values({
        id: s.id,
        kind: s.kind,
        target: s.target,
        component_ids: JSON.stringify(s.componentIds),
        confirmed_at: s.confirmedAt,
        created_at: s.createdAt,
        page_slug: s.pageSlug,
        page_access: s.pageAccess,
      })
      .execute(),
  );
}

export async function deleteSubscriber(ctx: StoreContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('subscribers').where('id', '=', id).execute();
}
