import type { Logger } from '../runtime/logger.ts';
import type { Bus, BusStatus, EventHandler } from './bus.ts';
import { newBusMessage, type BusMessage } from './bus-message.ts';
import type { PharosEvent } from './events.ts';
import { InProcessBus } from './in-process-bus.ts';
import { RecentIds } from './recent-ids.ts';
import { onReconnect, type RemoteTransport } from './remote-transport.ts';

export interface FallbackBusOptions {
  logger: Logger;
  now?: () => number;
  /**
   * After the primary comes back, publish to both for this long: other replicas may not have reconnected yet.
   * Receivers drop the second copy by message id.
   */
  overlapMs?: number;
  /** a primary publish that takes longer counts as failed (and the fallback is used) */
  publishTimeoutMs?: number;
}

/**
 * A primary transport (Redis) that is never a single point of failure: while it is down, events go through the
 * fallback (PostgreSQL NOTIFY; none with SQLite: they then stay in this process). Subscribers hear both
 * transports, each message once.
 */
export class FallbackBus implements Bus {
  readonly kind: string;
  private readonly local: InProcessBus;
  private readonly seen = new RecentIds();
  private readonly now: () => number;
  private overlapUntil = 0;
  private fellBack = false;
  private closing = false;

  constructor(
    private readonly primary: RemoteTransport,
    private readonly fallback: RemoteTransport | undefined,
    private readonly opts: FallbackBusOptions,
  ) {
    this.kind = primary.name;
    this.now = opts.now ?? Date.now;
    this.local = new InProcessBus((err) => opts.logger.error({ err }, 'event handler failed'));
    for (const transport of [primary, fallback]) {
      transport?.onMessage((message) => this.receive(message));
      // what was published while we were away is lost: subscribers re-read everything
      if (transport) onReconnect(transport, () => void this.local.publish({ type: 'catalog.changed', at: this.now() }));
    }
    primary.onConnectionChange((connected) => (connected ? this.primaryBack() : this.fallBack()));
  }

  /** Connects both; logs the fallback when the primary is not there within its start timeout. */
  async start(): Promise<void> {
    await Promise.all([this.primary.start(), this.fallback?.start()]);
    if (!this.primary.connected) this.fallBack();
  }

  async publish(event: PharosEvent): Promise<void> {
    const message = newBusMessage(this.primary.origin, event);
    this.seen.add(message.id);
    const delivered = this.local.publish(event);
    const viaPrimary = this.primary.connected && (await this.sendToPrimary(message));
    const overlapping = this.now() < this.overlapUntil;
    if ((!viaPrimary || overlapping) && this.fallback) {
      await this.fallback.send(message).catch((err: unknown) => {
        if (!viaPrimary)
          this.opts.logger.warn(
            { err: (err as Error).message, event: event.type },
            `${this.primary.label} and ${this.fallback!.label} unreachable: event reached this process only`,
          );
      });
    }
    await delivered;
  }

  subscribe(handler: EventHandler): () => void {
    return this.local.subscribe(handler);
  }

  status(): BusStatus {
    const connected = this.primary.connected;
    return { kind: this.kind, connected, fallback: !connected && (this.fallback?.connected ?? true) };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.primary.close(), this.fallback?.close()]);
    await this.local.close();
  }

  private receive(message: BusMessage): void {
    if (this.seen.add(message.id)) void this.local.publish(message.event);
  }

  private async sendToPrimary(message: BusMessage): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), this.opts.publishTimeoutMs ?? 1_000)),
    );
    const sent = this.primary.send(message).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([sent, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private fallBack(): void {
    // closing our own connection is not an outage
    if (this.fellBack || this.closing) return;
    this.fellBack = true;
    this.opts.logger.warn(
      { fallback: this.fallback?.name ?? 'in-process' },
      `${this.primary.label} unreachable, falling back to ${this.fallback ? this.fallback.label : 'this process only (SQLite: other processes refresh on their timer)'}`,
    );
  }

  private primaryBack(): void {
    this.overlapUntil = this.now() + (this.opts.overlapMs ?? 5_000);
    if (!this.fellBack) return;
    this.fellBack = false;
    this.opts.logger.info({}, `${this.primary.label} back`);
  }
}
