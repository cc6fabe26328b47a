import type { BusMessage } from './bus-message.ts';

/**
 * One way of reaching the other replicas (Redis pub/sub, PostgreSQL LISTEN/NOTIFY). It carries messages only;
 * the buses built on it deliver to this process's subscribers.
 */
export interface RemoteTransport {
  /** 'redis', 'postgres-notify' */
  readonly name: string;
  /** how the logs name it: "Redis", "PostgreSQL LISTEN/NOTIFY" */
  readonly label: string;
  /** this process, as written in the messages it sends */
  readonly origin: string;
  readonly connected: boolean;
  /** The first connection attempt; resolves connected or not (it keeps retrying in the background), never rejects. */
  start(): Promise<void>;
  /** Rejects when the message could not be handed to the server. */
  send(message: BusMessage): Promise<void>;
  /** Messages from other processes only: this process's own echo is dropped. */
  onMessage(handler: (message: BusMessage) => void): void;
  onConnectionChange(listener: (connected: boolean) => void): void;
  close(): Promise<void>;
}

/** Calls `fn` when the transport connects again after having been connected: what was sent meanwhile may be lost. */
export function onReconnect(transport: RemoteTransport, fn: () => void): void {
  let wasConnected = transport.connected;
  let dropped = false;
  transport.onConnectionChange((connected) => {
    if (!connected) dropped = wasConnected || dropped;
    else if (dropped) {
      dropped = false;
      fn();
    }
    wasConnected = connected;
  });
}
