import type { MaintenanceStatus } from './statuses.ts';

export interface MaintenanceWindow {
  id: string;
  title: string;
  body: string;
  /** ms since epoch */
  start: number;
  end: number;
  componentIds: readonly string[];
}

/** scheduled before the window, in_progress inside it, completed after. */
export function maintenanceStatusAt(window: MaintenanceWindow, now: number): MaintenanceStatus {
  if (now < window.start) return 'scheduled';
  if (now < window.end) return 'in_progress';
  return 'completed';
}

/** Components inside a maintenance window right now. */
export function componentsInMaintenance(windows: readonly MaintenanceWindow[], now: number): Set<string> {
  const ids = new Set<string>();
  for (const w of windows) {
    if (maintenanceStatusAt(w, now) === 'in_progress') for (const id of w.componentIds) ids.add(id);
  }
  return ids;
}
