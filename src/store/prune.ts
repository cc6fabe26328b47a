import type { Kysely } from 'kysely';
import type { RollupGranularity } from './store.ts';
import { ROLLUP_GRANULARITIES, type Database } from './schema.ts';
import type { StoreContext } from './store-context.ts';

/** Rows deleted per statement: each statement is its own short transaction, so writers wait little. */
export const PRUNE_CHUNK_ROWS = 5_000;

/**
 * Delete raw results older than now - rawMs and rollups whose bucket starts before now - rollupMs, one
 * monitor at a time along the primary key, at most PRUNE_CHUNK_ROWS rows per statement.
 */
export async function prune(
  ctx: StoreContext,
  now: number,
  opts: { rawMs: number; rollupMs: number },
): Promise<{ results: number; rollups: number }> {
  const monitors = await ctx.db.selectFrom('monitors').select('key').orderBy('key').execute();
  let results = 0;
  let rollups = 0;
  for (const { key } of monitors) {
    results += await pruneResults(ctx.db, key, now - opts.rawMs);
    for (const granularity of ROLLUP_GRANULARITIES)
      rollups += await pruneRollups(ctx.db, key, granularity, now - opts.rollupMs);
  }
  if (results + rollups > 0) ctx.logger.info({ results, rollups }, 'pruned old results and rollups');
  return { results, rollups };
}

async function pruneResults(db: Kysely<Database>, monitorKey: number, cutoff: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    // the last row of the next chunk, if the chunk is full: delete up to it, else up to the cutoff
    const last = await db
      .selectFrom('results')
      .select('started_at')
      .where('monitor_key', '=', monitorKey)
      .where('started_at', '<', cutoff)
      .orderBy('started_at')
      .limit(1)
      .offset(PRUNE_CHUNK_ROWS - 1)
      .executeTakeFirst();
    const until = last ? last.started_at + 1 : cutoff;
    const r = await db
      .deleteFrom('results')
      .where('monitor_key', '=', monitorKey)
      .where('started_at', '<', until)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
    if (!last) return deleted;
  }
}

async function pruneRollups(
  db: Kysely<Database>,
  monitorKey: number,
  granularity: RollupGranularity,
  cutoff: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const last = await db
      .selectFrom('rollups')
      .select('bucket_start')
      .where('monitor_key', '=', monitorKey)
      .where('granularity', '=', granularity)
      .where('bucket_start', '<', cutoff)
      .orderBy('bucket_start')
      .limit(1)
      .offset(PRUNE_CHUNK_ROWS - 1)
      .executeTakeFirst();
    const until = last ? last.bucket_start + 1 : cutoff;
    const r = await db
      .deleteFrom('rollups')
      .where('monitor_key', '=', monitorKey)
      .where('granularity', '=', granularity)
      .where('bucket_start', '<', until)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
    if (!last) return deleted;
  }
}
