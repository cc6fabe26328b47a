import type { MonitorKeys } from './monitor-keys.ts';
import { enqueueOutboxRows } from './outbox/enqueue-outbox-rows.ts';
import { writeNoticeMarks } from './shared/kysely-shared-state-store.ts';
import type { StoreContext } from './store-context.ts';
import type { ResultBatch } from './store.ts';
import { writeIncidents } from './write-incidents.ts';
import { insertResults } from './write-results.ts';
import { mergeRollups } from './write-rollups.ts';
import { insertStatusChanges, upsertComponentStatuses, upsertMonitorStates } from './write-states.ts';

/**
 * Write one flush in one transaction: results and their rollups, monitor states, status changes,
 * incidents, component statuses and the notifications they cause. Any error rolls all of it back.
 *
 * Rows of a monitor id that has no monitor row are skipped with a warning rather than failing the batch:
 * retrying could never make them fit, and the rest of the batch would be held back with them.
 */
export async function commitBatch(ctx: StoreContext, monitorKeys: MonitorKeys, batch: ResultBatch): Promise<void> {
  if (isEmpty(batch)) return;
  const unknown = new Set<string>();
  await ctx.db.transaction().execute(async (tx) => {
    const t: StoreContext = { ...ctx, db: tx };
    const ids = new Set([...batch.results, ...batch.states, ...batch.statusChanges].map((row) => row.monitorId));
    const keys = await monitorKeys.resolve(tx, ids);
    const withKey = <T extends { monitorId: string }>(rows: readonly T[]) =>
      rows.flatMap((row) => {
        const monitorKey = keys.get(row.monitorId);
        if (monitorKey === undefined) unknown.add(row.monitorId);
        return monitorKey === undefined ? [] : [{ row, monitorKey }];
      });

    const results = withKey(batch.results).map(({ row, monitorKey }) => ({ result: row, monitorKey }));
    const inserted = await insertResults(t, results);
    await mergeRollups(t, inserted);
    await upsertMonitorStates(
      t,
      withKey(batch.states).map(({ row, monitorKey }) => ({ state: row, monitorKey })),
    );
    await insertStatusChanges(
      t,
      withKey(batch.statusChanges).map(({ row, monitorKey }) => ({ change: row, monitorKey })),
    );
    await writeIncidents(t, batch.incidents);
    await upsertComponentStatuses(t, batch.componentStatuses);
    await enqueueOutboxRows(t, batch.notifications ?? []);
    await writeNoticeMarks(t, batch.noticeMarks ?? []);
  });
  if (unknown.size > 0) ctx.logger.warn({ monitors: [...unknown] }, 'batch rows for unknown monitors skipped');
}

function isEmpty(b: ResultBatch): boolean {
  return (
    b.results.length +
      b.states.length +
      b.statusChanges.length +
      b.incidents.length +
      b.componentStatuses.length +
      (b.notifications?.length ?? 0) +
      (b.noticeMarks?.length ?? 0) ===
    0
  );
}
