import type { MaintenanceWindow } from '../maintenance-windows.ts';
import type { MaintenanceDefinition } from './maintenance-definition.ts';
import { expandMaintenance, MAX_OCCURRENCES } from './expand-maintenance.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

export interface ScheduleHorizon {
  /** how far back completed windows are kept; default 30 days */
  pastMs?: number;
  /** how far ahead upcoming windows are listed; default 60 days */
  aheadMs?: number;
}

/**
 * The windows the runtime and the public pages need at `now`: those that ended within pastMs (completed),
 * the ones in progress, and those starting within aheadMs (scheduled); sorted by start, then id.
 */
export function maintenanceWindowsAround(
  defs: readonly MaintenanceDefinition[],
  now: number,
  { pastMs = 30 * DAY, aheadMs = 60 * DAY }: ScheduleHorizon = {},
): MaintenanceWindow[] {
  const windows = new Map<string, MaintenanceWindow>();
  for (const def of defs) {
    for (const w of recentlyCompleted(def, now, pastMs)) windows.set(w.id, w);
    for (const w of expandMaintenance(def, now, now + aheadMs)) windows.set(w.id, w);
  }
  return [...windows.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/**
 * The most recent windows that ended by `now`, within pastMs. When a dense schedule fills the cap, the
 * past looked at shrinks to about half the time the capped windows covered, so the latest ones are kept.
 */
function recentlyCompleted(def: MaintenanceDefinition, now: number, pastMs: number): MaintenanceWindow[] {
  let span = pastMs;
  for (let attempt = 0; attempt < 8; attempt++) {
    const found = expandMaintenance(def, now - span, now);
    if (found.length < MAX_OCCURRENCES) return found.filter((w) => w.end <= now);
    span = Math.min(span / 2, Math.max(MINUTE, (found.at(-1)!.start - found[0]!.start) / 2));
  }
  return [];
}

/** The first window not over at `now`: the one in progress, else the next to start; null when none is left. */
export function nextOccurrence(def: MaintenanceDefinition, now: number): MaintenanceWindow | null {
  return expandMaintenance(def, now, now + 1000 * 366 * DAY, 1)[0] ?? null;
}
