import type { PharosEvent } from './events.ts';

export type EventHandler = (event: PharosEvent) => void;

/** Carries events from where state changes to whoever shows it (snapshots, streams). In-process or across replicas. */
export interface Bus {
  readonly kind: string;
  publish(event: PharosEvent): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
