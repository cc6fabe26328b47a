import type { NewOutboxRow } from '../outbox-store.ts';
import { chunksFor, type StoreContext } from '../store-context.ts';
import { toOutboxInsert } from './outbox-row.ts';

/** columns bound per inserted row */
const PARAMETERS_PER_ROW = 11;

/**
 * Insert new outbox rows, skipping any whose id or (event, target) is already queued; returns how many were new.
 * Runs in `ctx`'s transaction when it is one (commitBatch, admin transactions); several statements get one of their own.
 */
export async function enqueueOutboxRows(ctx: StoreContext, rows: readonly NewOutboxRow[]): Promise<number> {
  const chunks = chunksFor(ctx.dialect, rows, PARAMETERS_PER_ROW);
  if (chunks.length === 0) return 0;
  const insertAll = async (db: StoreContext['db']) => {
    let inserted = 0;
    for (const chunk of chunks) {
      const r = await db
        .insertInto('outbox')
        .values(chunk.map(toOutboxInsert))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  };
  if (chunks.length === 1 || ctx.db.isTransaction) return insertAll(ctx.db);
  return ctx.db.transaction().execute(insertAll);
}
