import type { CheckContext } from '../checks/check-type.ts';
import { checkFor } from '../checks/registry.ts';
import type { CheckResult } from '../domain/check-result.ts';
import { judgeProbe } from '../domain/judge-probe.ts';
import type { Probe } from '../domain/probe.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import type { LiveMonitor } from './live-monitor.ts';
import type { PushInbox } from './push-inbox.ts';

export interface RunCheckDeps {
  now(): number;
  pushInbox: PushInbox;
  /** aborted when Pharos shuts down */
  shutdown: AbortSignal;
  /** when this process first scheduled the monitor (push monitors get one interval of grace from it) */
  monitorSince(monitorId: string): number;
  /** judges the addresses checks connect to; API-created monitors may face stricter rules */
  egress: EgressPolicy;
}

/** Run one check and judge it. A check that throws becomes a failed result carrying the message; never a crash. */
export async function runCheck(monitor: LiveMonitor, deps: RunCheckDeps): Promise<CheckResult | null> {
  const { config } = monitor;
  const startedAt = deps.now();
  if (monitor.conditionError !== undefined) {
    return judgeProbe(
      config.id,
      { startedAt, responseTimeMs: 0, connected: false, error: monitor.conditionError },
      [],
      undefined,
    );
  }
  // A cleared timer rather than AbortSignal.timeout(): a signal that stays armed for the whole timeout after the check
  // ended would outlive young-generation GC and grow the old heap at hundreds of checks per second.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timeout after ${config.timeout} ms`, 'TimeoutError')),
    config.timeout,
  );
  const onShutdown = () => controller.abort(deps.shutdown.reason);
  if (deps.shutdown.aborted) onShutdown();
  else deps.shutdown.addEventListener('abort', onShutdown, { once: true });
  const signal = controller.signal;
  const ctx: CheckContext = {
    monitorId: config.id,
    signal,
    timeoutMs: config.timeout,
    intervalMs: config.interval,
    now: deps.now,
    egress: deps.egress.guardFor(monitor.managedBy),
    lastPush: (id) => deps.pushInbox.lastPush(id),
    monitorSince: deps.monitorSince(config.id),
  };
  let probe: Probe | null;
  try {
    probe = await checkFor(config).run(ctx);
  } catch (err) {
    probe = {
      startedAt,
      responseTimeMs: deps.now() - startedAt,
      connected: false,
      error: `check failed: ${(err as Error)?.message ?? String(err)}`,
    };
  } finally {
    clearTimeout(timer);
    deps.shutdown.removeEventListener('abort', onShutdown);
  }
  if (probe === null) return null;
  return judgeProbe(config.id, probe, monitor.conditions, monitor.degradedWhen);
}
