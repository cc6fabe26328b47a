import type { DayState } from '../../http/public/status-model.ts';
import type { PageStatus } from '../../domain/page-status.ts';
import {
  COMPONENT_STATUSES,
  type ComponentStatus,
  type IncidentImpact,
  type IncidentStatus,
  type MaintenanceStatus,
} from '../../domain/statuses.ts';

export const COMPONENT_STATUS_LABEL = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
} as const satisfies Record<ComponentStatus, string>;

/** Short class names: the same letters colour components, day cells, incidents and the banner. */
export const STATUS_CLASS = {
  operational: 'o',
  under_maintenance: 'u',
  degraded_performance: 'd',
  partial_outage: 'p',
  major_outage: 'm',
} as const satisfies Record<ComponentStatus, string>;

export const DAY_CLASS = { ...STATUS_CLASS, no_data: 'n' } as const satisfies Record<DayState, string>;

export const IMPACT_CLASS = { none: 'o', minor: 'd', major: 'p', critical: 'm' } as const satisfies Record<
  IncidentImpact,
  string
>;
export const INDICATOR_CLASS = { ...IMPACT_CLASS, maintenance: 'u' } as const satisfies Record<
  PageStatus['indicator'],
  string
>;

export const IMPACT_LABEL = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
} as const satisfies Record<IncidentImpact, string>;

export const INCIDENT_STATUS_LABEL = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
} as const satisfies Record<IncidentStatus, string>;

export const MAINTENANCE_STATUS_LABEL = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
} as const satisfies Record<MaintenanceStatus, string>;

/** A group shows its worst child; COMPONENT_STATUSES is ordered by severity. */
export function worstComponentStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}
