/** The Statuspage v2 endpoints Pharos serves, as paths after `/api/v2/`. */
export const STATUSPAGE_PATHS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;
export type StatuspagePath = (typeof STATUSPAGE_PATHS)[number];

/** Statuspage bounds its history lists ("the 50 most recent"). */
export const STATUSPAGE_LIST_LIMIT = 50;
