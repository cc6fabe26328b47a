import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../runtime/logger.ts';
import { decodeBusMessage, encodeBusMessage, type BusMessage } from './bus-message.ts';
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelay, type ReconnectBackoff } from './reconnect-backoff.ts';
import type { RemoteTransport } from './remote-transport.ts';
import { TransportListeners } from './transport-listeners.ts';

export interface RedisTransportOptions {
  /** redis://[:password@]host:port[/db] or rediss://… */
  url: string;
  /** the channel is `<prefix>:events` */
  prefix?: string;
  origin: string;
  logger: Logger;
  backoff?: ReconnectBackoff;
  /** how long start() waits for the first connection */
  startTimeoutMs?: number;
}

/**
 * Redis pub/sub: one connection publishes, one subscribes. Neither queues commands while disconnected, so a
 * publish fails at once (and the caller can use a fallback) instead of waiting for Redis to come back.
 */
export class RedisTransport implements RemoteTransport {
  readonly name = 'redis';
  readonly label = 'Redis';
  readonly origin: string;
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly state: TransportListeners;
  private subscribed = false;

  constructor(private readonly opts: RedisTransportOptions) {
    this.origin = opts.origin;
    this.channel = `${opts.prefix ?? 'pharos'}:events`;
    this.state = new TransportListeners((err) => opts.logger.error({ err }, 'bus listener failed'));
    const backoff = opts.backoff ?? DEFAULT_RECONNECT_BACKOFF;
    const options: RedisOptions = {
      connectTimeout: 2_000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // subscribe() after each 'ready' below, so "connected" means "subscribed"
      autoResubscribe: false,
      retryStrategy: (attempt) => reconnectDelay(attempt, backoff),
    };
    this.publisher = new Redis(opts.url, { ...options, connectionName: 'pharos-bus-pub' });
    this.subscriber = new Redis(opts.url, { ...options, connectionName: 'pharos-bus-sub' });
    for (const connection of [this.publisher, this.subscriber]) {
      // ioredis reports every failed reconnect; the bus logs transitions instead (never the URL: it may hold a password)
      connection.on('error', (err: Error) => opts.logger.debug({ err: err.message }, 'redis connection error'));
      connection.on('ready', () => this.refresh());
      connection.on('close', () => this.refresh());
      connection.on('end', () => this.refresh());
    }
    this.subscriber.on('ready', () => this.subscribe());
    this.subscriber.on('close', () => (this.subscribed = false));
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== this.channel) return;
      const message = decodeBusMessage(payload);
      if (message && message.origin !== this.origin) this.state.deliver(message);
    });
  }

  get connected(): boolean {
    return this.state.connected;
  }

  async start(): Promise<void> {
    await this.state.whenConnected(this.opts.startTimeoutMs ?? 2_000);
  }

  async send(message: BusMessage): Promise<void> {
    await this.publisher.publish(this.channel, encodeBusMessage(message));
  }

  onMessage(handler: (message: BusMessage) => void): void {
    this.state.onMessage(handler);
  }

  onConnectionChange(listener: (connected: boolean) => void): void {
    this.state.onConnectionChange(listener);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
    this.subscribed = false;
    this.refresh();
  }

  private subscribe(): void {
    this.subscriber.subscribe(this.channel).then(
      () => {
        this.subscribed = this.subscriber.status === 'ready';
        this.refresh();
      },
      (err: unknown) =>
        this.opts.logger.debug({ err: (err as Error).message }, 'redis subscribe failed; retried on reconnect'),
    );
  }

  private refresh(): void {
    this.state.setConnected(this.publisher.status === 'ready' && this.subscriber.status === 'ready' && this.subscribed);
  }
}
