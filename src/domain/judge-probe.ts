import type { CheckResult } from './check-result.ts';
import { evaluateCondition, type Condition } from './conditions/index.ts';
import type { Probe } from './probe.ts';

/**
 * Judges what a check observed against its monitor's conditions.
 * ok: no transport error and every condition holds. degraded: ok and `degradedWhen` holds.
 * error: the transport error, else the first failing condition as `"<source>" failed (actual <x>)`.
 * Every condition is evaluated even after one fails, so "run check now" can show them all.
 */
export function judgeProbe(
  monitorId: string,
  probe: Probe,
  conditions: readonly Condition[],
  degradedWhen: Condition | undefined,
): CheckResult {
  const conditionResults = conditions.map((condition) => {
    const { ok, actual } = evaluateCondition(condition, probe);
    return actual === undefined ? { condition: condition.source, ok } : { condition: condition.source, ok, actual };
  });
  const firstFailure = conditionResults.find((r) => !r.ok);
  const ok = probe.error === undefined && firstFailure === undefined;
  const degraded = ok && degradedWhen !== undefined && evaluateCondition(degradedWhen, probe).ok;
  const error =
    probe.error ??
    (firstFailure ? `"${firstFailure.condition}" failed (actual ${firstFailure.actual ?? '(none)'})` : undefined);
  const result: CheckResult = {
    monitorId,
    startedAt: probe.startedAt,
    latencyMs: probe.responseTimeMs,
    ok,
    degraded,
    conditionResults,
    probe,
  };
  if (probe.status !== undefined) result.statusCode = probe.status;
  if (error !== undefined) result.error = error;
  if (probe.decisive) result.decisive = true;
  return result;
}
