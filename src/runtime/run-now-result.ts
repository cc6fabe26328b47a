import type { RunNowResult } from '../admin/admin-runtime.ts';
import type { CheckResult } from '../domain/check-result.ts';

/** Bytes of JSON an answer may take on the bus (a PostgreSQL NOTIFY holds under 8,000 with the envelope). */
const MAX_ANSWER_JSON = 6_000;
const MAX_ACTUAL = 200;

/** A check result as "run check now" returns it. */
export function runNowResult(r: CheckResult): RunNowResult {
  return {
    monitorId: r.monitorId,
    ok: r.ok,
    degraded: r.degraded,
    latencyMs: Math.round(r.latencyMs * 10) / 10,
    statusCode: r.statusCode ?? null,
    error: r.ok ? null : (r.error ?? 'failed'),
    startedAt: r.startedAt,
    details: { conditions: r.conditionResults ?? [], probe: r.probe ?? null },
  };
}

/**
 * The result cut to fit one bus message when it came from another replica: the probe (headers, body) goes first,
 * then long actual values; `details.truncated` says so. The outcome itself (ok, error, status, latency) is kept.
 */
export function fitForBus(result: RunNowResult): RunNowResult {
  if (JSON.stringify(result).length <= MAX_ANSWER_JSON) return result;
  const conditions = (
    (result.details as { conditions?: { condition: string; ok: boolean; actual?: string }[] }).conditions ?? []
  ).map((c) => ({ ...c, condition: c.condition.slice(0, MAX_ACTUAL), actual: c.actual?.slice(0, MAX_ACTUAL) }));
  const error = result.error && result.error.slice(0, 1_000);
  const cut = { ...result, error, details: { conditions, probe: null, truncated: true } };
  if (JSON.stringify(cut).length <= MAX_ANSWER_JSON) return cut;
  return { ...cut, details: { conditions: [], probe: null, truncated: true } };
}
