import type { z } from 'zod';
import type { Placeholder } from '../domain/conditions/index.ts';
import type { Probe } from '../domain/probe.ts';
import type { EgressGuard } from '../egress/egress-policy.ts';
import type { CheckFormField } from './check-form.ts';

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

/** What a check connects to, for the egress policy, per-host limits and messages. */
export interface CheckTarget {
  /** The host (name or IP, as configured) that the API judges against the egress policy; none: the system decides (the system resolver). */
  host?: string;
  /** Checks in flight are limited per key (lower-case host; one shared key for the system resolver). */
  limitKey: string;
  /** The config field that names the target: an API refusal of the target points there. */
  field: string;
}

/** The fields a check type adds to a monitor: a zod object whose `type` is the kind's literal. */
export type CheckFields<Kind extends string = string> = z.ZodObject<{ type: z.ZodLiteral<Kind> } & z.ZodRawShape>;

/**
 * One kind of check, complete: everything Pharos needs to know about a kind lives here (like Kysely's `Dialect`),
 * so adding a kind is its folder and one registry line. `run` does IO and nothing else: it never throws for a
 * failing target (it reports `connected: false` / `error`), never writes to the store, never notifies. It may
 * return null when there is nothing new to record (a push monitor whose last push is still fresh).
 */
export interface CheckType<Kind extends string = string, Schema extends z.ZodObject = CheckFields<Kind>> {
  kind: Kind;
  /** Fields specific to this kind (the common monitor fields are added by the config schema). */
  fields: Schema;
  /** A valid config of this kind (its own fields): documentation, and what the registry test exercises. */
  example: z.input<Schema>;
  /** Conditions applied when a monitor lists none. */
  defaultConditions: readonly string[];
  /** The placeholders its probes can fill; a condition naming another one could never hold (a config error). */
  placeholders: readonly Placeholder[];
  /** Whether its response time is a latency worth charting on the public page (a push's is the sender's figure). */
  measuresLatency: boolean;
  /**
   * Whether its `run` is network work alone (its config and the context's egress guard are all it reads), so that it
   * may run on a check thread (src/runtime/check-threads/); false when it reads this process's state (push's inbox).
   */
  runsOnCheckThread: boolean;
  /** What it connects to; undefined when it reaches nothing (push). */
  target(config: z.infer<Schema>): CheckTarget | undefined;
  /** The target as the public page may show it (unless the monitor hides it); null when it is a secret or nothing. */
  publicTarget(config: z.infer<Schema>): string | null;
  /**
   * Where the secret at `path` (e.g. ["headers", "Authorization"], ["url"]) is sent, as text to compare: a secret an
   * edit sends back as "[redacted]" is kept only while this stays the same (src/admin/kept-secrets.ts).
   */
  secretTarget(config: z.infer<Schema>, path: readonly string[]): string;
  /** Its fields in the admin monitor editor. */
  form: readonly CheckFormField[];
  run(config: z.infer<Schema>, ctx: CheckContext): Promise<Probe | null>;
}
