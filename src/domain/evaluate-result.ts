import type { CheckResult } from './check-result.ts';
import type { MonitorState, StatusChange } from './monitor-state.ts';
import type { MonitorStatus } from './statuses.ts';

export interface EngineSettings {
  /** failing results in a row before up/degraded/unknown turns down; also degraded passes in a row before up turns degraded */
  failureThreshold: number;
  /** passing results in a row before down recovers; also clean passes in a row before degraded turns up */
  successThreshold: number;
}

export interface EngineContext {
  /** ms since epoch, becomes statusSince when the status changes */
  now: number;
  /** the monitor's component is inside a maintenance window */
  inMaintenance: boolean;
  /** Pharos itself has lost connectivity: results say nothing about the target */
  offline: boolean;
}

/**
 * The monitor state machine: the previous state and one result in, the next state and at most one change out.
 *
 * - Always: lastCheckAt = result.startedAt, lastLatencyMs = result.latencyMs, lastError = result.error ?? null.
 * - In maintenance: status becomes 'maintenance' (reason "maintenance window"), every counter resets to 0.
 *   Checked before `offline`, because a window starts on schedule whether or not Pharos can reach anything.
 * - Offline: counters and status stay as they were; no change.
 * - Leaving maintenance: judged as if from 'unknown'; when the result decides nothing yet
 *   (a failure below the threshold) the status becomes 'unknown' rather than staying 'maintenance'.
 * - Failing result: consecutiveFailures + 1, the other counters 0; any status but 'down' turns 'down' once
 *   consecutiveFailures >= failureThreshold (reason: the result's error). This holds from 'unknown' too,
 *   so one blip on a fresh monitor is not an outage. A decisive failure (result.decisive: a push monitor past its
 *   deadline) counts as reaching the threshold at once.
 * - Passing result: consecutiveFailures 0, consecutivePasses + 1; a degraded pass adds to consecutiveDegraded and
 *   zeroes consecutiveClean, a clean pass the reverse. Then:
 *   - from 'unknown': 'up' at once ('degraded' if this pass is degraded);
 *   - from 'down': once consecutivePasses >= successThreshold, 'degraded' if this pass is degraded, else 'up';
 *   - from 'up': once consecutiveDegraded >= failureThreshold, 'degraded' (reason: the response time);
 *   - from 'degraded': once consecutiveClean >= successThreshold, 'up'.
 * - On a change statusSince = ctx.now, and the change is dated result.startedAt.
 */
export function evaluateResult(
  prev: MonitorState,
  result: CheckResult,
  settings: EngineSettings,
  ctx: EngineContext,
): { state: MonitorState; change: StatusChange | null } {
  const observed: MonitorState = {
    ...prev,
    lastCheckAt: result.startedAt,
    lastLatencyMs: result.latencyMs,
    lastError: result.error ?? null,
  };
  if (ctx.inMaintenance) {
    return transition(observed, resetCounters(observed), 'maintenance', 'maintenance window', result, ctx);
  }
  if (ctx.offline) return { state: observed, change: null };

  const from: MonitorStatus = prev.status === 'maintenance' ? 'unknown' : prev.status;
  const counted = result.ok ? countPass(observed, result.degraded) : countFailure(observed);
  const [to, reason] = nextStatus(from, counted, result, settings);
  const leftMaintenance = prev.status === 'maintenance' && to === 'unknown';
  return transition(prev, counted, to, leftMaintenance ? 'maintenance window ended' : reason, result, ctx);
}

function nextStatus(
  from: MonitorStatus,
  s: MonitorState,
  result: CheckResult,
  settings: EngineSettings,
): [MonitorStatus, string | null] {
  if (!result.ok) {
    const threshold = result.decisive ? 1 : settings.failureThreshold;
    return from !== 'down' && s.consecutiveFailures >= threshold
      ? ['down', result.error ?? 'check failed']
      : [from, null];
  }
  const passed: [MonitorStatus, string | null] = result.degraded ? ['degraded', degradedReason(result)] : ['up', null];
  switch (from) {
    case 'unknown':
    case 'maintenance':
      return passed;
    case 'down':
      return s.consecutivePasses >= settings.successThreshold ? passed : [from, null];
    case 'up':
      return s.consecutiveDegraded >= settings.failureThreshold ? ['degraded', degradedReason(result)] : [from, null];
    case 'degraded':
      return s.consecutiveClean >= settings.successThreshold ? ['up', null] : [from, null];
  }
}

function degradedReason(result: CheckResult): string {
  return `response time ${Math.round(result.latencyMs)} ms`;
}

function transition(
  prev: MonitorState,
  next: MonitorState,
  to: MonitorStatus,
  reason: string | null,
  result: CheckResult,
  ctx: EngineContext,
): { state: MonitorState; change: StatusChange | null } {
  if (prev.status === to) return { state: { ...next, status: to }, change: null };
  return {
    state: { ...next, status: to, statusSince: ctx.now },
    change: { monitorId: prev.monitorId, from: prev.status, to, at: result.startedAt, reason },
  };
}

function resetCounters(s: MonitorState): MonitorState {
  return { ...s, consecutiveFailures: 0, consecutivePasses: 0, consecutiveDegraded: 0, consecutiveClean: 0 };
}

function countFailure(s: MonitorState): MonitorState {
  return { ...resetCounters(s), consecutiveFailures: s.consecutiveFailures + 1 };
}

function countPass(s: MonitorState, degraded: boolean): MonitorState {
  return {
    ...s,
    consecutiveFailures: 0,
    consecutivePasses: s.consecutivePasses + 1,
    consecutiveDegraded: degraded ? s.consecutiveDegraded + 1 : 0,
    consecutiveClean: degraded ? 0 : s.consecutiveClean + 1,
  };
}
