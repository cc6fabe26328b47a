import { checkFor } from '../checks/registry.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';

/** A place among a host's checks in flight; give it back once the check is done (twice is harmless). */
export interface HostSlot {
  release(): void;
}

interface Waiter {
  grant(slot: HostSlot): void;
  /** gave up (timeout, abort): skipped when its turn comes */
  gone: boolean;
}

interface HostQueue {
  inFlight: number;
  /** FIFO with a moving head: thousands of monitors may wait on one host, so no shift() or indexOf() per waiter */
  waiting: Waiter[];
  head: number;
  /** waiters still in line (those that gave up excluded) */
  size: number;
}

/**
 * At most `perHost` checks in flight per target host, so that one slow or dead host cannot take every
 * global slot. A freed slot goes straight to the longest waiter of that host (FIFO). Every step is O(1) per waiter:
 * with 20,000 monitors of one host due together, a listener per waiter on the shared abort signal (Node walks a
 * signal's listeners on every add) or a search of the line per timeout kept the process busy for minutes.
 */
export class HostLimits {
  private readonly hosts = new Map<string, HostQueue>();
  /** one 'abort' listener per signal, calling the waiters that registered with it */
  private readonly onAbort = new WeakMap<AbortSignal, Set<() => void>>();

  constructor(readonly perHost: number) {
    if (!Number.isInteger(perHost) || perHost < 1)
      throw new Error(`per-host concurrency must be a positive integer, got ${perHost}`);
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
    if (opts.signal?.aborted) return Promise.resolve(undefined);
    const queue = this.queue(host);
    return new Promise((resolve) => {
      const done = (slot: HostSlot | undefined) => {
        clearTimeout(timer);
        stopListening();
        resolve(slot);
      };
      const waiter: Waiter = { grant: done, gone: false };
      const giveUp = () => {
        if (waiter.gone) return;
        waiter.gone = true;
        queue.size -= 1;
        this.forget(host, queue);
        done(undefined);
      };
      const timer = setTimeout(giveUp, opts.timeoutMs);
      const stopListening = opts.signal ? this.listen(opts.signal, giveUp) : () => undefined;
      queue.waiting.push(waiter);
      queue.size += 1;
    });
  }

  inFlight(host: string): number {
    return this.hosts.get(host)?.inFlight ?? 0;
  }

  waiting(host: string): number {
    return this.hosts.get(host)?.size ?? 0;
  }

  private slot(host: string, queue: HostQueue): HostSlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.next(queue);
        if (next) return next.grant(this.slot(host, queue));
        queue.inFlight -= 1;
        this.forget(host, queue);
      },
    };
  }

  /** The longest waiter still in line, taken out of it. */
  private next(queue: HostQueue): Waiter | undefined {
    while (queue.head < queue.waiting.length) {
      const waiter = queue.waiting[queue.head] as Waiter;
      queue.head += 1;
      if (waiter.gone) continue;
      waiter.gone = true;
      queue.size -= 1;
      this.compact(queue);
      return waiter;
    }
    this.compact(queue);
    return undefined;
  }

  private compact(queue: HostQueue): void {
    if (queue.head === queue.waiting.length) {
      queue.waiting = [];
      queue.head = 0;
    } else if (queue.head > 1024 && queue.head * 2 > queue.waiting.length) {
      queue.waiting = queue.waiting.slice(queue.head);
      queue.head = 0;
    }
  }

  private listen(signal: AbortSignal, fn: () => void): () => void {
    let listeners = this.onAbort.get(signal);
    if (!listeners) {
      const registered = new Set<() => void>();
      listeners = registered;
      this.onAbort.set(signal, registered);
      signal.addEventListener(
        'abort',
        () => {
          for (const listener of [...registered]) listener();
          registered.clear();
        },
        { once: true },
      );
    }
    const set = listeners;
    set.add(fn);
    return () => void set.delete(fn);
  }

  private queue(host: string): HostQueue {
    let queue = this.hosts.get(host);
    if (!queue) this.hosts.set(host, (queue = { inFlight: 0, waiting: [], head: 0, size: 0 }));
    return queue;
  }

  /** idle hosts are dropped: monitors come and go */
  private forget(host: string, queue: HostQueue): void {
    if (queue.inFlight === 0 && queue.size === 0 && this.hosts.get(host) === queue) this.hosts.delete(host);
  }
}

/** The host a monitor's check talks to (lower-case), or undefined for checks that reach nothing (push). */
export function targetHostOf(config: MonitorConfig): string | undefined {
  return checkFor(config).target()?.limitKey;
}
