import type { Insertable } from 'kysely';
import type { RollupInput } from './rollup-math.ts';
import { storedLatency, toResultRow } from './result-row.ts';
import type { ResultsTable } from './schema.ts';
import { chunksFor, type StoreContext } from './store-context.ts';
import type { RecordedResult } from './store.ts';

const RESULT_COLUMNS = 6;

/**
 * Insert raw results with multi-row statements. A second result of one monitor in the same millisecond is
 * dropped (the first one stays). Returns the results actually inserted, for the rollups: a result that was
 * already stored must not be counted twice.
 */
export async function insertResults(
  ctx: StoreContext,
  results: readonly { result: RecordedResult; monitorKey: number }[],
): Promise<RollupInput[]> {
  const byRowKey = new Map<string, RollupInput>();
  const rows: Insertable<ResultsTable>[] = [];
  for (const { result, monitorKey } of results) {
    const row = toResultRow(result, monitorKey);
    const rowKey = `${monitorKey}:${row.started_at}`;
    if (byRowKey.has(rowKey)) continue;
    byRowKey.set(rowKey, {
      monitorKey,
      startedAt: row.started_at,
      latencyMs: storedLatency(result.latencyMs),
      ok: result.ok,
      degraded: result.degraded,
      maintenance: result.maintenance,
    });
    rows.push(row);
  }

  const inserted: RollupInput[] = [];
  for (const chunk of chunksFor(ctx.dialect, rows, RESULT_COLUMNS)) {
    const stored = await ctx.db
      .insertInto('results')
      .values(chunk)
      .onConflict((oc) => oc.columns(['monitor_key', 'started_at']).doNothing())
      .returning(['monitor_key', 'started_at'])
      .execute();
    for (const s of stored) {
      const input = byRowKey.get(`${s.monitor_key}:${s.started_at}`);
      if (input) inserted.push(input);
    }
  }
  return inserted;
}
