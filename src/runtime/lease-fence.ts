import type { LeaseUnits } from '../scheduler/leases/lease-units.ts';
import { contentsOf } from '../scheduler/leases/leased-catalog.ts';
import type { LeaseStore } from '../store/leases/lease-store.ts';
import type { Logger } from './logger.ts';
import type { PendingBatch } from './pending-batch.ts';

export interface LeaseFenceDeps {
  leases: Pick<LeaseStore, 'held'>;
  workerId: string;
  /** the lease units of the catalog as applied now */
  units(): LeaseUnits;
  logger: Logger;
}

/**
 * The batch writer's check before each commit: only what belongs to units whose lease still names this worker is
 * written. A worker cut off from the store keeps checking and buffering; if another worker claimed one of its units
 * meanwhile, the results it buffered for that unit would overlap the new owner's, so they are dropped (and counted)
 * instead: stored results of a monitor never come from two workers at once.
 */
export function leaseFence(deps: LeaseFenceDeps): (batch: PendingBatch) => Promise<number> {
  return async (batch) => {
    if (batch.isEmpty) return 0;
    const held = contentsOf(deps.units(), await deps.leases.held(deps.workerId));
    const dropped = batch.retainHeld(held);
    if (dropped > 0) deps.logger.warn({ component: 'leases', dropped }, 'results of monitors another worker took over were not stored');
    return dropped;
  };
}
