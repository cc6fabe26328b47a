import type { z } from 'zod';
import type { Probe } from '../domain/probe.ts';
import type { CheckKind } from '../domain/statuses.ts';
import type { EgressGuard } from '../egress/egress-policy.ts';

/** What a running check may use besides its config. Injected, so checks stay testable. */
export interface CheckContext {
  monitorId: string;
  /** Aborts when the monitor's timeout elapses or Pharos shuts down. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Monitor interval (ms); push checks use it to decide whether a push is overdue. */
  intervalMs: number;
  now(): number;
  /** Judges every address the check connects to (after DNS resolution); a denied one fails the probe. */
  egress: EgressGuard;
  /**
   * When this process started watching the monitor (ms since epoch). Push checks give a monitor that has
   * never been pushed to one interval plus grace from this moment before failing; when absent, a monitor
   * that has never been pushed to is overdue at once.
   */
  monitorSince?: number;
  /** Last push received for a push monitor, if any (push checks only). */
  lastPush?(monitorId: string): PushRecord | undefined;
}

export interface PushRecord {
  receivedAt: number;
  status: 'up' | 'down';
  msg?: string;
  pingMs?: number;
}

/**
 * One kind of check. `run` does IO and nothing else: it never throws for a failing target
 * (it reports `connected: false` / `error`), never writes to the store, never notifies.
 * It may return null when there is nothing new to record (a push monitor whose last push is still fresh).
 */
export interface CheckType<Schema extends z.ZodObject = z.ZodObject> {
  kind: CheckKind;
  /** Fields specific to this kind (the common monitor fields are added by the config schema). */
  fields: Schema;
  /** Conditions applied when a monitor lists none. */
  defaultConditions: readonly string[];
  run(config: z.infer<Schema>, ctx: CheckContext): Promise<Probe | null>;
}
