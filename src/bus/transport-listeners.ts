import type { BusMessage } from './bus-message.ts';

/** The bookkeeping every transport shares: message handlers, connection listeners, and a connected flag that reports changes only. */
export class TransportListeners {
  private readonly handlers: ((message: BusMessage) => void)[] = [];
  private readonly listeners: ((connected: boolean) => void)[] = [];
  private current = false;

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  get connected(): boolean {
    return this.current;
  }

  onMessage(handler: (message: BusMessage) => void): void {
    this.handlers.push(handler);
  }

  onConnectionChange(listener: (connected: boolean) => void): void {
    this.listeners.push(listener);
  }

  deliver(message: BusMessage): void {
    for (const handler of this.handlers) this.guard(() => handler(message));
  }

  setConnected(connected: boolean): void {
    if (connected === this.current) return;
    this.current = connected;
    for (const listener of this.listeners) this.guard(() => listener(connected));
  }

  /** Resolves when connected, or after timeoutMs. */
  async whenConnected(timeoutMs: number): Promise<void> {
    if (this.current) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.onConnectionChange((connected) => {
        if (!connected) return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onListenerError(err);
    }
  }
}
