import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PharosEvent } from './events.ts';

/**
 * What travels between replicas: the event, the process that published it (so it can skip its own echo)
 * and an id (so a receiver listening on two transports delivers it once).
 */
export const busMessageSchema = z.object({
  id: z.string().min(1).max(100),
  origin: z.string().min(1).max(200),
  event: z.looseObject({ type: z.string().min(1).max(100), at: z.number() }),
});
export interface BusMessage {
  id: string;
  origin: string;
  event: PharosEvent;
}

export function newBusMessage(origin: string, event: PharosEvent): BusMessage {
  return { id: randomUUID(), origin, event };
}

export function encodeBusMessage(message: BusMessage): string {
  return JSON.stringify(message);
}

/** undefined for anything that is not a bus message (another program on the channel, a newer version's shape) */
export function decodeBusMessage(payload: string): BusMessage | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = busMessageSchema.safeParse(raw);
  // the event's own fields are checked by its type's subscribers, which re-read what they need anyway
  return parsed.success ? (parsed.data as BusMessage) : undefined;
}
