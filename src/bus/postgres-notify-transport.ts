import pg from 'pg';
import type { Logger } from '../runtime/logger.ts';
import { decodeBusMessage, encodeBusMessage, type BusMessage } from './bus-message.ts';
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelay, type ReconnectBackoff } from './reconnect-backoff.ts';
import type { RemoteTransport } from './remote-transport.ts';
import { TransportListeners } from './transport-listeners.ts';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7_999;

export interface PostgresNotifyTransportOptions {
  /** postgres://… (the store's URL: NOTIFY reaches listeners of the same database) */
  url: string;
  /** a lower-case SQL identifier */
  channel?: string;
  origin: string;
  logger: Logger;
  backoff?: ReconnectBackoff;
}

/** LISTEN/NOTIFY on one dedicated connection (a pool would hand the LISTEN to a client that goes away), reconnected with backoff when it drops. */
export class PostgresNotifyTransport implements RemoteTransport {
  readonly name = 'postgres-notify';
  readonly label = 'PostgreSQL LISTEN/NOTIFY';
  readonly origin: string;
  private readonly channel: string;
  private readonly state: TransportListeners;
  private client: pg.Client | undefined;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: PostgresNotifyTransportOptions) {
    this.origin = opts.origin;
    this.channel = opts.channel ?? 'pharos_events';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel))
      throw new Error(`NOTIFY channel must be a lower-case SQL identifier, not "${this.channel}"`);
    this.state = new TransportListeners((err) => opts.logger.error({ err }, 'bus listener failed'));
  }

  get connected(): boolean {
    return this.state.connected;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async send(message: BusMessage): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('PostgreSQL LISTEN connection is down');
    const payload = encodeBusMessage(message);
    if (Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD_BYTES)
      throw new Error(`event ${message.event.type} is too large for NOTIFY (${Buffer.byteLength(payload)} bytes)`);
    await client.query('select pg_notify($1, $2)', [this.channel, payload]);
  }

  onMessage(handler: (message: BusMessage) => void): void {
    this.state.onMessage(handler);
  }

  onConnectionChange(listener: (connected: boolean) => void): void {
    this.state.onConnectionChange(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.state.setConnected(false);
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url, connectionTimeoutMillis: 5_000, keepAlive: true });
    client.on('error', (err) => this.dropped(client, err));
    client.on('end', () => this.dropped(client));
    client.on('notification', (n) => {
      if (n.channel !== this.channel || n.payload === undefined) return;
      const message = decodeBusMessage(n.payload);
      if (message && message.origin !== this.origin) this.state.deliver(message);
    });
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      if (this.attempts === 0)
        this.opts.logger.warn({ err: (err as Error).message }, 'PostgreSQL LISTEN connection failed; retrying');
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.attempts > 0) this.opts.logger.info({ attempts: this.attempts }, 'PostgreSQL LISTEN connection back');
    this.attempts = 0;
    this.client = client;
    this.state.setConnected(true);
  }

  private dropped(client: pg.Client, err?: Error): void {
    // errors while connecting are handled by connect(); a replaced client's late events are ignored
    if (client !== this.client) return;
    this.client = undefined;
    this.state.setConnected(false);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.opts.logger.warn({ err: err?.message }, 'PostgreSQL LISTEN connection lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.attempts += 1;
    this.reconnectTimer = setTimeout(
      () => {
        this.reconnectTimer = undefined;
        void this.connect();
      },
      reconnectDelay(this.attempts, this.opts.backoff ?? DEFAULT_RECONNECT_BACKOFF),
    );
  }
}
