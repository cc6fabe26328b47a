import type { PharosEvent } from './events.ts';

export type EventHandler = (event: PharosEvent) => void;

/** How a bus reaches the other replicas right now (for /readyz). */
export interface BusStatus {
  kind: string;
  /** the bus's own transport (Redis, PostgreSQL LISTEN) is connected */
  connected: boolean;
  /** the transport is down and events travel through the fallback instead */
  fallback: boolean;
}

/** Carries events from where state changes to whoever shows it (snapshots, streams). In-process or across replicas. */
export interface Bus {
  readonly kind: string;
  /** Never rejects: the event reaches this process's subscribers even when other replicas cannot be told. */
  publish(event: PharosEvent): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
  /** Absent: a bus that cannot be disconnected (in-process). */
  status?(): BusStatus;
}
