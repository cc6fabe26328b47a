import type { OutboxRow, OutboxState, OutboxStats } from '../outbox-store.ts';
import type { StoreContext } from '../store-context.ts';
import { toOutboxRow } from './outbox-row.ts';

export interface OutboxListFilter {
  state?: OutboxState;
  targetId?: string;
  limit: number;
  /** the id of the last row of the previous page */
  before?: string;
}

/** Newest first (ties by id, descending); a `before` id that no longer exists ends the listing. */
export async function listOutboxRows(ctx: StoreContext, filter: OutboxListFilter): Promise<OutboxRow[]> {
  const after =
    filter.before === undefined
      ? undefined
      : await ctx.db
          .selectFrom('outbox')
          .select(['created_at', 'id'])
          .where('id', '=', filter.before)
          .executeTakeFirst();
  if (filter.before !== undefined && !after) return [];
  const rows = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .$if(filter.state !== undefined, (qb) => qb.where('state', '=', filter.state ?? 'pending'))
    .$if(filter.targetId !== undefined, (qb) => qb.where('target_id', '=', filter.targetId ?? ''))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => {
        const { created_at, id } = after ?? { created_at: 0, id: '' };
        return eb.or([
          eb('created_at', '<', created_at),
          eb.and([eb('created_at', '=', created_at), eb('id', '<', id)]),
        ]);
      }),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(toOutboxRow);
}

export async function getOutboxRow(ctx: StoreContext, id: string): Promise<OutboxRow | undefined> {
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOutboxRow(row);
}

/** Pending and dead rows counted, in total and per target, read in one grouped query. */
export async function outboxStats(ctx: StoreContext): Promise<OutboxStats> {
  const groups = await ctx.db
    .selectFrom('outbox')
    .select(['state', 'target_id'])
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.min('created_at').as('oldest')])
    .where('state', 'in', ['pending', 'dead'])
    .groupBy(['state', 'target_id'])
    .execute();
  const stats: OutboxStats = { pending: 0, dead: 0, oldestPendingAt: null, pendingByTarget: {}, deadByTarget: {} };
  for (const g of groups) {
    const rows = Number(g.rows);
    if (g.state === 'pending') {
      stats.pending += rows;
      stats.pendingByTarget[g.target_id] = rows;
      stats.oldestPendingAt =
        stats.oldestPendingAt === null ? Number(g.oldest) : Math.min(stats.oldestPendingAt, Number(g.oldest));
    } else {
      stats.dead += rows;
      stats.deadByTarget[g.target_id] = rows;
    }
  }
  return stats;
}
