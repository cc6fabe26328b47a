/** Status vocabularies. Each tuple feeds the TypeScript type, zod enums and database checks together. */

export const MONITOR_STATUSES = ['unknown', 'up', 'degraded', 'down', 'maintenance'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/** Statuspage's component statuses, in order of increasing severity (under_maintenance is handled apart). */
export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** Statuspage's page indicator. */
export const PAGE_INDICATORS = ['none', 'minor', 'major', 'critical'] as const;
export type PageIndicator = (typeof PAGE_INDICATORS)[number];
