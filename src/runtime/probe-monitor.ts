import type { CheckContext, PushRecord } from '../checks/check-type.ts';
import { checkFor } from '../checks/registry.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { Probe } from '../domain/probe.ts';
import type { EgressGuard } from '../egress/egress-policy.ts';

export interface ProbeDeps {
  now(): number;
  /** aborted when Pharos shuts down */
  shutdown: AbortSignal;
  /** the guard of the monitor's origin (API-created monitors may face stricter rules) */
  egress: EgressGuard;
  /** push monitors: when this process first scheduled the monitor */
  monitorSince?: number;
  lastPush?(monitorId: string): PushRecord | undefined;
}

/**
 * Run a monitor's check within its timeout: the network part of a check, the same in the main thread and in a check
 * thread. A check that throws becomes a failed probe carrying the message; never a crash.
 */
export async function probeMonitor(config: MonitorConfig, deps: ProbeDeps): Promise<Probe | null> {
  const startedAt = deps.now();
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
  const ctx: CheckContext = {
    monitorId: config.id,
    signal: controller.signal,
    timeoutMs: config.timeout,
    intervalMs: config.interval,
    now: deps.now,
    egress: deps.egress,
    lastPush: deps.lastPush,
    monitorSince: deps.monitorSince,
  };
  try {
    return await checkFor(config).run(ctx);
  } catch (err) {
    return {
      startedAt,
      responseTimeMs: deps.now() - startedAt,
      connected: false,
      error: `check failed: ${(err as Error)?.message ?? String(err)}`,
    };
  } finally {
    clearTimeout(timer);
    deps.shutdown.removeEventListener('abort', onShutdown);
  }
}
