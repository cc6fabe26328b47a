import type { MonitorConfig } from '../../config/monitor-schema.ts';
import type { EgressConfig } from '../../config/egress-schema.ts';
import type { Probe } from '../../domain/probe.ts';

/** What a check thread starts from (its `workerData`): the egress policy, rebuilt there from plain data. */
export interface CheckThreadData {
  egress: EgressConfig;
  /** `subscribers.webhook_allow`: what the policy's `public` guard allows (the same policy as the main thread's) */
  publicAllow: string[];
}

/** A monitor's config as the thread keeps it: sent once, then named by its id. */
export interface ThreadMonitor {
  config: MonitorConfig;
  managedBy: 'config' | 'api';
}

export interface ProbeRequest {
  runId: number;
  monitorId: string;
  /** the main thread's clock minus the system clock (0 unless a test injects a clock) */
  clockOffsetMs: number;
}

/** One step of a batch, applied in order: a run reads the definition its monitor has at that point. */
export type ThreadOp =
  { op: 'define'; monitor: ThreadMonitor } | { op: 'forget'; monitorId: string } | ({ op: 'run' } & ProbeRequest);

/** Main thread → check thread. Runs, definitions and forgets are batched per turn of the event loop. */
export type ToCheckThread =
  | { type: 'batch'; ops: ThreadOp[] }
  /** shutdown: every check in flight and every later one aborts, as in the main thread */
  | { type: 'abort'; reason: string }
  /** tests: the thread throws an uncaught error, as a crash would, or blocks its event loop, as a stuck one would */
  | { type: 'fault'; fault: 'crash' | 'stall' };

/** Check thread → main thread: finished probes, batched. */
export interface FromCheckThread {
  type: 'probes';
  probes: { runId: number; probe: Probe | null }[];
}
