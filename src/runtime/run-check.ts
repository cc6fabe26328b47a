import type { CheckResult } from '../domain/check-result.ts';
import { judgeProbe } from '../domain/judge-probe.ts';
import type { Probe } from '../domain/probe.ts';
import type { EgressPolicy } from '../egress/egress-policy.ts';
import type { LiveMonitor } from './live-monitor.ts';
import { probeMonitor } from './probe-monitor.ts';
import type { PushInbox } from './push-inbox.ts';

/** Runs the network part of some checks elsewhere (the check threads); the judging stays here. */
export interface ProbeRunner {
  /** whether it runs this kind of check (push reads this process's inbox: never) */
  runs(kind: string): boolean;
  /** `clockOffsetMs`: this process's clock minus the system clock, so that the probe's times read like ours */
  probe(monitor: LiveMonitor, clockOffsetMs: number): Promise<Probe | null>;
}

export interface RunCheckDeps {
  now(): number;
  pushInbox: PushInbox;
  /** aborted when Pharos shuts down */
  shutdown: AbortSignal;
  /** when this process first scheduled the monitor (push monitors get one interval of grace from it) */
  monitorSince(monitorId: string): number;
  /** judges the addresses checks connect to; API-created monitors may face stricter rules */
  egress: EgressPolicy;
  /** where network checks run when not in this thread */
  probes?: ProbeRunner;
}

/** Run one check and judge it. A check that throws becomes a failed result carrying the message; never a crash. */
export async function runCheck(monitor: LiveMonitor, deps: RunCheckDeps): Promise<CheckResult | null> {
  const { config } = monitor;
  if (monitor.conditionError !== undefined) {
    return judgeProbe(
      config.id,
      { startedAt: deps.now(), responseTimeMs: 0, connected: false, error: monitor.conditionError },
      [],
      undefined,
    );
  }
  const probe =
    deps.probes?.runs(config.type) && !deps.shutdown.aborted
      ? await deps.probes.probe(monitor, deps.now() - Date.now())
      : await probeMonitor(config, {
          now: deps.now,
          shutdown: deps.shutdown,
          egress: deps.egress.guardFor(monitor.managedBy),
          lastPush: (id) => deps.pushInbox.lastPush(id),
          monitorSince: deps.monitorSince(config.id),
        });
  if (probe === null) return null;
  return judgeProbe(config.id, probe, monitor.conditions, monitor.degradedWhen);
}
