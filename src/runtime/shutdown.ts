import type { Logger } from './logger.ts';

/** One step of a graceful shutdown, run in order after the previous one. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void> | void;
  /** what the step still waits for (named in the log line when the grace period runs out) */
  pending?(): readonly string[];
}

export interface ShutdownOutcome {
  /** every step ran before the deadline */
  completed: boolean;
  /** steps that threw (logged; the next steps still ran) */
  failed: string[];
  /** at the deadline: the step under way (with what it waited for) and the steps not begun */
  pending: string[];
}

export interface ShutdownOptions {
  /** absent: no deadline (every step runs to its end) */
  graceMs?: number;
  logger: Logger;
  /** called once when the grace period runs out, before the outcome resolves (e.g. abort checks in flight) */
  onDeadline?: () => void;
}

/**
 * Runs the steps one after another, logging each, and gives up at the grace deadline (if there is one): the outcome then says what
 * was still pending, and the caller exits anyway. A failed step is logged and does not stop the ones after it
 * (a failed flush must not keep the store open).
 */
export function runShutdown(steps: readonly ShutdownStep[], opts: ShutdownOptions): Promise<ShutdownOutcome> {
  const log = opts.logger.child({ component: 'shutdown' });
  const failed: string[] = [];
  let current = 0;
  let timedOut = false;
  const all = (async () => {
    for (; current < steps.length && !timedOut; current++) {
      const step = steps[current]!;
      log.info({ step: step.name }, `shutdown: ${step.name}`);
      try {
        await step.run();
      } catch (err) {
        failed.push(step.name);
        log.error({ step: step.name, err }, `shutdown: ${step.name} failed`);
      }
    }
    return { completed: true, failed, pending: [] } satisfies ShutdownOutcome;
  })();
  const graceMs = opts.graceMs;
  if (graceMs === undefined) return all;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ShutdownOutcome>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      const pending = pendingAt(steps, current);
      log.error(
        { graceMs, pending },
        `shutdown: grace period of ${graceMs} ms over; still pending: ${pending.join('; ')}`,
      );
      opts.onDeadline?.();
      resolve({ completed: false, failed, pending });
    }, graceMs);
  });
  return Promise.race([all, deadline]).finally(() => clearTimeout(timer));
}

function pendingAt(steps: readonly ShutdownStep[], current: number): string[] {
  const step = steps[current];
  if (!step) return [];
  const waits = step.pending?.() ?? [];
  const now = waits.length > 0 ? `${step.name} (${waits.join(', ')})` : step.name;
  return [now, ...steps.slice(current + 1).map((s) => s.name)];
}
