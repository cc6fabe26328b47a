import type { Bus, EventHandler } from './bus.ts';
import type { PharosEvent } from './events.ts';

/** The default bus for a single process: handlers run on the next microtask, and one that throws does not stop the others. */
export class InProcessBus implements Bus {
  readonly kind = 'in-process';
  private readonly handlers = new Set<EventHandler>();

  constructor(private readonly onHandlerError: (err: unknown) => void = () => {}) {}

  async publish(event: PharosEvent): Promise<void> {
    await Promise.resolve();
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch (err) {
        this.onHandlerError(err);
      }
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
