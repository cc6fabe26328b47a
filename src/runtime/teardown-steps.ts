import type { ShutdownStep } from './shutdown.ts';

/**
 * The three ways a running Pharos stops. `shutdown` is SIGTERM: checks in flight finish and are recorded. `close`
 * (tests, embedding) aborts them instead. `crash` (tests only) dies like a killed process: what is buffered is lost
 * and the leases are left to expire.
 */
export const STOP_MODES = ['close', 'shutdown', 'crash'] as const;
export type StopMode = (typeof STOP_MODES)[number];

/** What the teardown acts on, as narrow as each step needs (a `web` replica has no leases). */
export interface TeardownParts {
  /** nothing new starts: timers cleared, bus subscriptions and the canary stopped, /readyz answers 503 */
  quiesce(): void;
  notifications: { stop(): Promise<void> };
  leases?: { stop(): Promise<void>; leave(): Promise<void> };
  runner: { finish(): Promise<void>; stop(): Promise<void>; readonly runningIds: readonly string[] };
  /** the threads that run checks' network work, if any */
  checkThreads?: { close(): Promise<void> };
  closeKeepAliveAgents(): Promise<void>;
  writer: { close(): Promise<void> };
  /** a crash loses what the writer buffered (a killed process writes nothing more) */
  dropBuffered(): void;
  streams: { closeAll(): void };
  subscribers: { close(): Promise<void> };
  snapshot: { stop(): void | Promise<void> };
  app: { close(): Promise<unknown> };
  /** the hourly clean-up in progress, if any */
  pruning(): Promise<void> | undefined;
  bus: { close(): Promise<void> };
  store: { close(): Promise<void> };
  /** a release that fails is logged, not fatal: the leases then expire on their own */
  onLeaveFailed(err: unknown): void;
}

/** One step of the teardown; `skip` names the ways of stopping that leave it out. */
export interface TeardownStep {
  name: string;
  skip?: readonly StopMode[];
  run(mode: StopMode): Promise<void> | void;
  pending?(): readonly string[];
}

/**
 * The one ordered list every way of stopping is derived from. The order is the rule: nothing new starts, then the
 * work in flight ends, then its state is written, then the leases go (whoever takes the units over reads that state),
 * then the public side, HTTP, bus and store.
 */
export function teardownSteps(parts: TeardownParts): TeardownStep[] {
  const { runner, leases } = parts;
  return [
    { name: 'draining: /readyz answers 503', run: () => parts.quiesce() },
    { name: 'stop claiming outbox rows', run: () => parts.notifications.stop() },
    {
      name: 'stop scheduling; wait for checks in flight',
      run: async (mode) => {
        await leases?.stop();
        await (mode === 'shutdown' ? runner.finish() : runner.stop());
      },
      pending: () => runner.runningIds.map((id) => `check ${id}`),
    },
    { name: 'stop check threads', run: () => parts.checkThreads?.close() },
    { name: 'close keep-alive connections', run: () => parts.closeKeepAliveAgents() },
    { name: 'lose buffered writes', skip: ['close', 'shutdown'], run: () => parts.dropBuffered() },
    { name: 'flush batched writes', run: () => parts.writer.close() },
    // after the flush: whoever takes the units over reads their latest state
    {
      name: 'release leases',
      skip: ['crash'],
      run: () => leases?.leave().catch((err: unknown) => parts.onLeaveFailed(err)),
    },
    { name: 'close SSE streams with a retry hint', run: () => parts.streams.closeAll() },
    {
      name: 'stop subscribers and snapshot',
      run: async () => {
        await parts.subscribers.close();
        await parts.snapshot.stop();
      },
    },
    { name: 'close HTTP', run: () => parts.app.close() },
    { name: 'wait for the clean-up in progress', run: () => parts.pruning() },
    { name: 'close bus and store', run: async () => (await parts.bus.close(), await parts.store.close()) },
  ];
}

/** The steps one way of stopping runs, in the list's order. */
export function stepsFor(steps: readonly TeardownStep[], mode: StopMode): ShutdownStep[] {
  return steps
    .filter((s) => !s.skip?.includes(mode))
    .map((s) => ({ name: s.name, run: () => s.run(mode), pending: s.pending }));
}
