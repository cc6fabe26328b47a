import type { LeaseUnits } from '../scheduler/leases/lease-units.ts';
import { contentsOf } from '../scheduler/leases/leased-catalog.ts';
import type { LeaseStore } from '../store/leases/lease-store.ts';
import type { Logger } from './logger.ts';
import type { PendingBatch } from './pending-batch.ts';

export interface LeaseFenceDeps {
  leases: Pick<LeaseStore, 'held' | 'list'>;
  workerId: string;
  /** the lease units of the catalog as applied now */
  units(): LeaseUnits;
  logger: Logger;
}

/**
 * The batch writer's check before each commit: only what belongs to units whose lease still names this worker is
 * written. A worker cut off from the store keeps checking and buffering; if another worker claimed one of its units
 * meanwhile, the results it buffered for that unit after the takeover would overlap the new owner's, so they are
 * dropped (and counted) instead: stored results of a monitor never come from two workers at once. Results of checks
 * that started before the new owner's lease began are kept (the workers' clocks must agree, as for the leases).
 */
export function leaseFence(deps: LeaseFenceDeps): (batch: PendingBatch) => Promise<number> {
  return async (batch) => {
    if (batch.isEmpty) return 0;
    const units = deps.units();
    const held = contentsOf(units, await deps.leases.held(deps.workerId, unitsIn(batch, units)));
    const lost = batch.results.some((r) => !held.monitorIds.has(r.monitorId));
    const dropped = batch.retainHeld(held, lost ? await takeoverTimes(deps, units) : undefined);
    if (dropped > 0)
      deps.logger.warn(
        { component: 'leases', dropped },
        'results of monitors another worker took over were not stored',
      );
    return dropped;
  };
}

/** When another worker's lease on each monitor's unit began (the rare path: only when something was lost). */
async function takeoverTimes(
  deps: LeaseFenceDeps,
  units: LeaseUnits,
): Promise<(monitorId: string) => number | undefined> {
  const byMonitor = new Map<string, number>();
  for (const lease of await deps.leases.list()) {
    if (lease.owner === deps.workerId) continue;
    for (const m of units.monitorsOf.get(lease.unit) ?? []) byMonitor.set(m, lease.acquiredAt);
  }
  return (monitorId) => byMonitor.get(monitorId);
}

/** monitor and component ids to their unit, per catalog (built once for each LeaseUnits) */
const unitIndexes = new WeakMap<LeaseUnits, Map<string, string>>();

/** The units the batch writes for: the fence asks the store about these only. */
function unitsIn(batch: PendingBatch, units: LeaseUnits): string[] {
  let index = unitIndexes.get(units);
  if (!index) {
    index = new Map();
    for (const [unit, monitors] of units.monitorsOf) for (const m of monitors) index.set(`m:${m}`, unit);
    for (const [unit, components] of units.componentsOf) for (const c of components) index.set(`c:${c}`, unit);
    unitIndexes.set(units, index);
  }
  const found = new Set<string>();
  const add = (key: string) => {
    const unit = index.get(key);
    if (unit) found.add(unit);
  };
  for (const r of batch.results) add(`m:${r.monitorId}`);
  for (const id of batch.states.keys()) add(`m:${id}`);
  for (const c of batch.statusChanges) add(`m:${c.monitorId}`);
  for (const id of batch.componentStatuses.keys()) add(`c:${id}`);
  for (const incident of batch.incidents.values()) for (const c of incident.componentIds) add(`c:${c}`);
  for (const { event } of batch.notifications) if (event.monitor) add(`m:${event.monitor.id}`);
  return [...found];
}
