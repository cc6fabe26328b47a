import { createHash } from 'node:crypto';

/**
 * A monitor's stable offset within its interval, from a hash of its id. Monitors spread evenly over the
 * interval instead of firing together, and keep the same phase across restarts and replicas.
 */
export function phaseOf(id: string, intervalMs: number): number {
  const h = createHash('sha1').update(id).digest();
  return h.readUInt32BE(0) % intervalMs;
}

/** The first planned time at or after `now` for a job with this phase and interval. */
export function nextSlot(now: number, intervalMs: number, phase: number): number {
  const k = Math.ceil((now - phase) / intervalMs);
  return k * intervalMs + phase;
}
