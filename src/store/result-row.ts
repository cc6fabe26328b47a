import type { Insertable, Selectable } from 'kysely';
import type { ResultsTable } from './schema.ts';
import type { RecordedResult } from './store.ts';

/** Bits of `results.flags`. */
export const RESULT_FLAG = { ok: 1, degraded: 2, maintenance: 4 } as const;

/** Errors are kept for failures only, and cut to this many characters: a result row stays small. */
export const MAX_STORED_ERROR_LENGTH = 500;

export function toResultRow(r: RecordedResult, monitorKey: number): Insertable<ResultsTable> {
  return {
    monitor_key: monitorKey,
    started_at: Math.round(r.startedAt),
    latency_ms: storedLatency(r.latencyMs),
    status_code: storedStatusCode(r.statusCode),
    flags:
      (r.ok ? RESULT_FLAG.ok : 0) |
      (r.degraded ? RESULT_FLAG.degraded : 0) |
      (r.maintenance ? RESULT_FLAG.maintenance : 0),
    error: r.ok || r.error === null ? null : r.error.slice(0, MAX_STORED_ERROR_LENGTH),
  };
}

export function fromResultRow(row: Omit<Selectable<ResultsTable>, 'monitor_key'>, monitorId: string): RecordedResult {
  return {
    monitorId,
    startedAt: row.started_at,
    latencyMs: row.latency_ms,
    ok: (row.flags & RESULT_FLAG.ok) !== 0,
    degraded: (row.flags & RESULT_FLAG.degraded) !== 0,
    maintenance: (row.flags & RESULT_FLAG.maintenance) !== 0,
    statusCode: row.status_code,
    error: row.error,
  };
}

/** Whole milliseconds, never negative (a NaN would fail the whole batch on a NOT NULL column). */
export function storedLatency(latencyMs: number): number {
  return Number.isFinite(latencyMs) ? Math.max(0, Math.round(latencyMs)) : 0;
}

/** The column is a smallint: anything that is not a plausible status code is dropped rather than failing the batch. */
function storedStatusCode(code: number | null): number | null {
  return code !== null && Number.isInteger(code) && code >= 0 && code <= 32_767 ? code : null;
}
