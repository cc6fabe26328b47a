import { z } from 'zod';
import {
  COMPONENT_STATUSES,
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  PAGE_INDICATORS,
} from '../../../domain/statuses.ts';
import type { StatuspagePath } from './statuspage-paths.ts';

/**
 * The documented shape of Atlassian Statuspage's public API v2, field for field. The renderers are typed by
 * these (so a missing or extra field is a compile error) and the tests validate every endpoint against them
 * (strict objects: an unknown or missing field fails).
 */
const Timestamp = z.iso.datetime({ offset: true });
const Id = z.string().min(1);

export const StatuspagePage = z.strictObject({
  id: Id,
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: Timestamp,
});
export type StatuspagePage = z.infer<typeof StatuspagePage>;

const componentFields = {
  id: Id,
  name: z.string(),
  status: z.enum(COMPONENT_STATUSES),
  created_at: Timestamp,
  updated_at: Timestamp,
  /** 1-based, within the parent: top-level entries among themselves, a group's children within the group */
  position: z.number().int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: Id.nullable(),
  page_id: Id,
  only_show_if_degraded: z.boolean(),
};

export const StatuspageComponent = z.strictObject({ ...componentFields, group: z.literal(false) });
export type StatuspageComponent = z.infer<typeof StatuspageComponent>;

export const StatuspageGroup = z.strictObject({ ...componentFields, group: z.literal(true), components: z.array(Id) });
export type StatuspageGroup = z.infer<typeof StatuspageGroup>;

export const StatuspageListedComponent = z.discriminatedUnion('group', [StatuspageComponent, StatuspageGroup]);
export type StatuspageListedComponent = z.infer<typeof StatuspageListedComponent>;

export const StatuspageAffectedComponent = z.strictObject({
  code: Id,
  name: z.string(),
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});
export type StatuspageAffectedComponent = z.infer<typeof StatuspageAffectedComponent>;

function updateOf<S extends readonly [string, ...string[]]>(statuses: S) {
  return z.strictObject({
    id: Id,
    status: z.enum(statuses),
    body: z.string(),
    incident_id: Id,
    created_at: Timestamp,
    updated_at: Timestamp,
    display_at: Timestamp,
    /** null when the update changed no component, as Statuspage sends it */
    affected_components: z.array(StatuspageAffectedComponent).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  });
}

const incidentFields = {
  id: Id,
  name: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
  monitoring_at: Timestamp.nullable(),
  resolved_at: Timestamp.nullable(),
  shortlink: z.url(),
  started_at: Timestamp,
  page_id: Id,
  components: z.array(StatuspageComponent),
};

export const StatuspageIncidentUpdate = updateOf(INCIDENT_STATUSES);
export type StatuspageIncidentUpdate = z.infer<typeof StatuspageIncidentUpdate>;

export const StatuspageIncident = z.strictObject({
  ...incidentFields,
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(INCIDENT_IMPACTS),
  incident_updates: z.array(StatuspageIncidentUpdate),
});
export type StatuspageIncident = z.infer<typeof StatuspageIncident>;

export const StatuspageMaintenanceUpdate = updateOf(MAINTENANCE_STATUSES);
export type StatuspageMaintenanceUpdate = z.infer<typeof StatuspageMaintenanceUpdate>;

export const StatuspageMaintenance = z.strictObject({
  ...incidentFields,
  status: z.enum(MAINTENANCE_STATUSES),
  impact: z.literal('maintenance'),
  incident_updates: z.array(StatuspageMaintenanceUpdate),
  scheduled_for: Timestamp,
  scheduled_until: Timestamp,
});
export type StatuspageMaintenance = z.infer<typeof StatuspageMaintenance>;

export const StatuspageStatus = z.strictObject({
  indicator: z.enum([...PAGE_INDICATORS, 'maintenance']),
  description: z.string().min(1),
});
export type StatuspageStatus = z.infer<typeof StatuspageStatus>;

const page = StatuspagePage;
const incidentsOnly = z.strictObject({ page, incidents: z.array(StatuspageIncident) });
const maintenancesOnly = z.strictObject({ page, scheduled_maintenances: z.array(StatuspageMaintenance) });

export const STATUSPAGE_SCHEMAS = {
  'summary.json': z.strictObject({
    page,
    components: z.array(StatuspageListedComponent),
    incidents: z.array(StatuspageIncident),
    scheduled_maintenances: z.array(StatuspageMaintenance),
    status: StatuspageStatus,
  }),
  'status.json': z.strictObject({ page, status: StatuspageStatus }),
  'components.json': z.strictObject({ page, components: z.array(StatuspageListedComponent) }),
  'incidents.json': incidentsOnly,
  'incidents/unresolved.json': incidentsOnly,
  'scheduled-maintenances.json': maintenancesOnly,
  'scheduled-maintenances/upcoming.json': maintenancesOnly,
  'scheduled-maintenances/active.json': maintenancesOnly,
} as const satisfies Record<StatuspagePath, z.ZodType>;

export type StatuspagePayloads = { [P in StatuspagePath]: z.infer<(typeof STATUSPAGE_SCHEMAS)[P]> };
