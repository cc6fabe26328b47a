import type { Probe } from './probe.ts';

/**
 * A probe judged against its monitor's conditions: what the engine and the store consume.
 */
export interface CheckResult {
  monitorId: string;
  /** ms since epoch */
  startedAt: number;
  latencyMs: number;
  /** every condition held */
  ok: boolean;
  /** ok, but the degraded_when condition held */
  degraded: boolean;
  statusCode?: number;
  /** transport error or the first failing condition, human readable */
  error?: string;
  /** per condition outcome, for "run check now" and debugging */
  conditionResults?: { condition: string; ok: boolean; actual?: string }[];
  probe?: Probe;
  /** a failure that turns the monitor down at once, whatever failure_threshold (Probe.decisive) */
  decisive?: true;
}
