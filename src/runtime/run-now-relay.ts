import { randomUUID } from 'node:crypto';
import type { RunNowResult } from '../admin/admin-runtime.ts';
import { AdminError } from '../admin/admin-error.ts';
import type { Bus } from '../bus/bus.ts';
import { RecentIds } from '../bus/recent-ids.ts';
import type { Logger } from './logger.ts';
import { fitForBus } from './run-now-result.ts';

/** How often an unanswered request is sent again. */
const RESEND_MS = 1_000;

export interface RunNowRelayDeps {
  bus: Bus;
  logger: Logger;
  now(): number;
  /** runs and records the check when this process owns the monitor; undefined when it does not */
  runOwned(monitorId: string): Promise<RunNowResult | null> | undefined;
}

/**
 * "Run check now" on the worker that owns the monitor, wherever the request arrived: a replica that does not check
 * the monitor asks over the bus (`monitor.run_requested`) and waits, for a bounded time, for the owner's answer
 * (`monitor.run_answered`). Only the process whose board holds the monitor (by lease) answers, so the check runs
 * once, in line with the owner's own schedule and state, and is recorded like a scheduled one. The request is sent
 * again every second until answered (a monitor created a moment ago is owned only after the next lease round); the
 * owner runs each request id once.
 */
export class RunNowRelay {
  private readonly waiting = new Map<string, (result: RunNowResult | null) => void>();
  /** request ids this process has run: a request sent again is not run twice */
  private readonly ran = new RecentIds(1_000);

  constructor(private readonly deps: RunNowRelayDeps) {}

  /** Answer the requests this process can, and take the answers to its own. Returns the unsubscribe. */
  listen(): () => void {
    return this.deps.bus.subscribe((event) => {
      if (event.type === 'monitor.run_answered') this.waiting.get(event.requestId)?.(event.result);
      if (event.type === 'monitor.run_requested') void this.answer(event.requestId, event.monitorId);
    });
  }

  /** Ask the owner; throws `owner_unavailable` when no owner answered within `waitMs`. */
  async request(monitorId: string, waitMs: number): Promise<RunNowResult | null> {
    const requestId = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<RunNowResult | null>((resolve, reject) => {
      this.waiting.set(requestId, resolve);
      timer = setTimeout(
        () =>
          reject(
            new AdminError(
              'owner_unavailable',
              `no worker that checks monitor "${monitorId}" answered within ${Math.round(waitMs / 1000)} s ` +
                '(no worker running, or none reachable over the event bus); try again shortly',
            ),
          ),
        waitMs,
      );
    });
    const ask = () =>
      this.deps.bus.publish({ type: 'monitor.run_requested', requestId, monitorId, at: this.deps.now() });
    const again = setInterval(() => void ask(), RESEND_MS);
    try {
      await ask();
      return await answered;
    } finally {
      clearInterval(again);
      clearTimeout(timer);
      this.waiting.delete(requestId);
    }
  }

  private async answer(requestId: string, monitorId: string): Promise<void> {
    // sent again while (or after) it ran here; the asking process itself may have become the owner meanwhile
    if (this.ran.has(requestId)) return;
    const running = this.deps.runOwned(monitorId);
    if (!running) return; // another worker owns it (or none here)
    this.ran.add(requestId);
    try {
      const result = await running;
      await this.deps.bus.publish({
        type: 'monitor.run_answered',
        requestId,
        monitorId,
        result: result && fitForBus(result),
        at: this.deps.now(),
      });
    } catch (err) {
      this.deps.logger.error(
        { component: 'run-now', err, monitorId },
        'running a check asked by another replica failed',
      );
    }
  }
}
