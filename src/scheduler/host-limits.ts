import { checkFor } from '../checks/registry.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';

/** A place among a host's checks in flight; give it back once the check is done (twice is harmless). */
export interface HostSlot {
  release(): void;
}

interface Waiter {
  grant(slot: HostSlot): void;
}

interface HostQueue {
  inFlight: number;
  waiting: Waiter[];
}

/**
 * At most `perHost` checks in flight per target host, so that one slow or dead host cannot take every
 * global slot. A freed slot goes straight to the longest waiter of that host (FIFO).
 */
export class HostLimits {
  private readonly hosts = new Map<string, HostQueue>();

  constructor(readonly perHost: number) {
    if (!Number.isInteger(perHost) || perHost < 1) throw new Error(`per-host concurrency must be a positive integer, got ${perHost}`);
  }

  /** A slot now, or undefined when the host is at its limit. */
  tryAcquire(host: string): HostSlot | undefined {
    const queue = this.queue(host);
    if (queue.inFlight >= this.perHost) return undefined;
    queue.inFlight += 1;
    return this.slot(host, queue);
  }

  /** Wait in line for a slot: undefined when `timeoutMs` passes or `signal` aborts first. */
  acquire(host: string, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<HostSlot | undefined> {
    const now = this.tryAcquire(host);
    if (now) return Promise.resolve(now);
    const queue = this.queue(host);
    return new Promise((resolve) => {
      const giveUp = () => {
        const at = queue.waiting.indexOf(waiter);
        if (at !== -1) queue.waiting.splice(at, 1);
        done(undefined);
      };
      const timer = setTimeout(giveUp, opts.timeoutMs);
      const done = (slot: HostSlot | undefined) => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', giveUp);
        this.forget(host, queue);
        resolve(slot);
      };
      const waiter: Waiter = { grant: done };
      if (opts.signal?.aborted) return giveUp();
      opts.signal?.addEventListener('abort', giveUp, { once: true });
      queue.waiting.push(waiter);
    });
  }

  inFlight(host: string): number {
    return this.hosts.get(host)?.inFlight ?? 0;
  }

  waiting(host: string): number {
    return this.hosts.get(host)?.waiting.length ?? 0;
  }

  private slot(host: string, queue: HostQueue): HostSlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = queue.waiting.shift();
        if (next) return next.grant(this.slot(host, queue));
        queue.inFlight -= 1;
        this.forget(host, queue);
      },
    };
  }

  private queue(host: string): HostQueue {
    let queue = this.hosts.get(host);
    if (!queue) this.hosts.set(host, (queue = { inFlight: 0, waiting: [] }));
    return queue;
  }

  /** idle hosts are dropped: monitors come and go */
  private forget(host: string, queue: HostQueue): void {
    if (queue.inFlight === 0 && queue.waiting.length === 0 && this.hosts.get(host) === queue) this.hosts.delete(host);
  }
}

/** The host a monitor's check talks to (lower-case), or undefined for checks that reach nothing (push). */
export function targetHostOf(config: MonitorConfig): string | undefined {
  return checkFor(config).target()?.limitKey;
}
