import type { Logger } from '../runtime/logger.ts';
import type { Bus, BusStatus, EventHandler } from './bus.ts';
import { newBusMessage } from './bus-message.ts';
import type { PharosEvent } from './events.ts';
import { InProcessBus } from './in-process-bus.ts';
import { onReconnect, type RemoteTransport } from './remote-transport.ts';

/**
 * A bus over one transport: this process's subscribers get its events at once (no round trip), other replicas'
 * events arrive through the transport. When the transport is down, events stay in this process (and are logged once).
 */
export class TransportBus implements Bus {
  readonly kind: string;
  private readonly local: InProcessBus;
  private failing = false;

  constructor(
    private readonly transport: RemoteTransport,
    private readonly logger: Logger,
    now: () => number = Date.now,
  ) {
    this.kind = transport.name;
    this.local = new InProcessBus((err) => logger.error({ err }, 'event handler failed'));
    transport.onMessage((message) => void this.local.publish(message.event));
    // what other replicas published while we were away is lost: subscribers re-read everything
    onReconnect(transport, () => void this.local.publish({ type: 'catalog.changed', at: now() }));
  }

  start(): Promise<void> {
    return this.transport.start();
  }

  async publish(event: PharosEvent): Promise<void> {
    const delivered = this.local.publish(event);
    try {
      await this.transport.send(newBusMessage(this.transport.origin, event));
      this.failing = false;
    } catch (err) {
      if (!this.failing)
        this.logger.warn(
          { err: (err as Error).message, event: event.type },
          `${this.transport.label} unreachable: events reach this process only until it is back`,
        );
      this.failing = true;
    }
    await delivered;
  }

  subscribe(handler: EventHandler): () => void {
    return this.local.subscribe(handler);
  }

  status(): BusStatus {
    return { kind: this.kind, connected: this.transport.connected, fallback: false };
  }

  async close(): Promise<void> {
    await this.transport.close();
    await this.local.close();
  }
}
