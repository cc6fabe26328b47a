import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { RollupGranularity } from './store.ts';
import { ROLLUP_GRANULARITIES, type Database } from './schema.ts';
import type { StoreContext } from './store-context.ts';

/** Rows deleted per statement: each statement is its own short transaction, so writers wait little. */
export const PRUNE_CHUNK_ROWS = 5_000;

/** The most monitors one statement names (the first chunk; later ones follow from the rows per monitor seen). */
export const PRUNE_MAX_MONITORS_PER_STATEMENT = 500;

type PrunedTable = 'results' | 'rollups';
const TIME_COLUMN = { results: 'started_at', rollups: 'bucket_start' } as const;

/**
 * Delete raw results older than now - rawMs and rollups whose bucket starts before now - rollupMs, at most
 * PRUNE_CHUNK_ROWS rows per statement. Monitors go by groups, so that 50,000 monitors take hundreds of statements
 * rather than one or two per monitor and table: a group is counted first and deleted in one statement when its expired
 * rows fit, else split in halves, down to one monitor whose backlog is deleted along its primary key. Between groups
 * the event loop runs (on SQLite every statement is synchronous).
 */
export async function prune(
  ctx: StoreContext,
  now: number,
  opts: { rawMs: number; rollupMs: number },
): Promise<{ results: number; rollups: number }> {
  const keys = (await ctx.db.selectFrom('monitors').select('key').orderBy('key').execute()).map((m) => m.key);
  const results = await pruneTable(ctx.db, 'results', keys, now - opts.rawMs);
  const rollups = await pruneTable(ctx.db, 'rollups', keys, now - opts.rollupMs);
  if (results + rollups > 0) ctx.logger.info({ results, rollups }, 'pruned old results and rollups');
  return { results, rollups };
}

async function pruneTable(db: Kysely<Database>, table: PrunedTable, keys: number[], cutoff: number): Promise<number> {
  let deleted = 0;
  let size = PRUNE_MAX_MONITORS_PER_STATEMENT;
  for (let i = 0; i < keys.length;) {
    const group = keys.slice(i, i + size);
    const { rows, expired } = await pruneGroup(db, table, group, cutoff);
    deleted += rows;
    i += group.length;
    // the next group sized from what this one held, so that it usually fits in one statement
    size = Math.max(
      1,
      Math.min(PRUNE_MAX_MONITORS_PER_STATEMENT, Math.floor(PRUNE_CHUNK_ROWS / Math.max(1, expired / group.length))),
    );
    await yieldToEventLoop();
  }
  return deleted;
}

/** Deletes the expired rows of these monitors; `expired` is what the group held (for sizing the next one). */
async function pruneGroup(
  db: Kysely<Database>,
  table: PrunedTable,
  keys: number[],
  cutoff: number,
): Promise<{ rows: number; expired: number }> {
  const column = TIME_COLUMN[table];
  const counted = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('monitor_key', 'in', keys)
    .where(column, '<', cutoff)
    .executeTakeFirst();
  const expired = Number(counted?.n ?? 0);
  if (expired === 0) return { rows: 0, expired };
  if (expired <= PRUNE_CHUNK_ROWS) {
    const r = await db.deleteFrom(table).where('monitor_key', 'in', keys).where(column, '<', cutoff).executeTakeFirst();
    return { rows: Number(r.numDeletedRows), expired };
  }
  if (keys.length === 1) return { rows: await pruneBacklog(db, table, keys[0]!, cutoff), expired };
  const half = Math.ceil(keys.length / 2);
  const first = await pruneGroup(db, table, keys.slice(0, half), cutoff);
  const second = await pruneGroup(db, table, keys.slice(half), cutoff);
  return { rows: first.rows + second.rows, expired };
}

/** One monitor with more expired rows than a statement may delete: along its primary key, a chunk at a time. */
async function pruneBacklog(db: Kysely<Database>, table: PrunedTable, monitorKey: number, cutoff: number) {
  if (table === 'results') return deleteAlongKey(db, table, monitorKey, cutoff, undefined);
  let deleted = 0;
  for (const granularity of ROLLUP_GRANULARITIES)
    deleted += await deleteAlongKey(db, table, monitorKey, cutoff, granularity);
  return deleted;
}

async function deleteAlongKey(
  db: Kysely<Database>,
  table: PrunedTable,
  monitorKey: number,
  cutoff: number,
  granularity: RollupGranularity | undefined,
): Promise<number> {
  const column = TIME_COLUMN[table];
  const ofGranularity = sql<SqlBool>`${granularity === undefined ? sql`true` : sql`granularity = ${granularity}`}`;
  let deleted = 0;
  for (;;) {
    // the last row of the next chunk, if the chunk is full: delete up to it, else up to the cutoff
    const last = await db
      .selectFrom(table)
      .select(sql<number | string>`${sql.ref(column)}`.as('at'))
      .where('monitor_key', '=', monitorKey)
      .where(ofGranularity)
      .where(column, '<', cutoff)
      .orderBy(column)
      .limit(1)
      .offset(PRUNE_CHUNK_ROWS - 1)
      .executeTakeFirst();
    const r = await db
      .deleteFrom(table)
      .where('monitor_key', '=', monitorKey)
      .where(ofGranularity)
      .where(column, '<', last ? Number(last.at) + 1 : cutoff)
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
    if (!last) return deleted;
  }
}
