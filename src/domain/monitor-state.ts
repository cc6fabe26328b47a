import type { MonitorStatus } from './statuses.ts';

/** What the engine remembers about one monitor between results. Persisted so that a restart resumes it. */
export interface MonitorState {
  monitorId: string;
  status: MonitorStatus;
  /** consecutive results that failed (reset by a success) */
  consecutiveFailures: number;
  /** consecutive passing results, degraded or not (reset by a failure) */
  consecutivePasses: number;
  /** consecutive passing results whose degraded_when held (reset by a failure or a clean pass) */
  consecutiveDegraded: number;
  /** consecutive passing results whose degraded_when did not hold (reset by a failure or a degraded pass) */
  consecutiveClean: number;
  /** ms since epoch of the last result, or null */
  lastCheckAt: number | null;
  /** ms since epoch when `status` last changed, or null */
  statusSince: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
}

export function initialMonitorState(monitorId: string): MonitorState {
  return {
    monitorId,
    status: 'unknown',
    consecutiveFailures: 0,
    consecutivePasses: 0,
    consecutiveDegraded: 0,
    consecutiveClean: 0,
    lastCheckAt: null,
    statusSince: null,
    lastError: null,
    lastLatencyMs: null,
  };
}

/** A change of a monitor's status, kept forever as an event. */
export interface StatusChange {
  monitorId: string;
  from: MonitorStatus;
  to: MonitorStatus;
  at: number;
  /** the error that caused it (for down), the latency (for degraded) */
  reason: string | null;
}
