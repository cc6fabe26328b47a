import { z } from 'zod';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../domain/statuses.ts';

/**
 * The monthly SLA report as the API answers it (JSON); the OpenAPI document is generated from this schema.
 * Durations are minutes with up to 3 decimals; percentages keep 3 decimals, rounded down.
 */
const Timestamp = z.iso.datetime({ offset: true });
const Id = z.string().min(1);
const Minutes = z.number().nonnegative();
const Count = z.number().int().nonnegative();
const Percent = z.number().min(0).max(100);

export const slaIncidentSchema = z.strictObject({
  id: Id,
  name: z.string(),
  impact: z.enum(INCIDENT_IMPACTS),
  status: z.enum(INCIDENT_STATUSES),
  startedAt: Timestamp,
  resolvedAt: Timestamp.nullable().describe('null while the incident is open'),
  durationMinutes: Minutes.describe('from start to resolution, or to generatedAt while open'),
  minutesInPeriod: Minutes.describe('the part of the duration inside the period'),
});
export type SlaIncident = z.infer<typeof slaIncidentSchema>;

const checkCounts = {
  checks: Count,
  failures: Count,
  maintenance: Count.describe('checks taken during maintenance: counted neither up nor down'),
  uptimePercent: Percent.nullable().describe(
    '(checks − maintenance − failures) / (checks − maintenance); null when nothing counted',
  ),
};

export const slaMonitorChecksSchema = z.strictObject({ monitorId: Id, ...checkCounts });
export type SlaMonitorChecks = z.infer<typeof slaMonitorChecksSchema>;

export const slaComponentReportSchema = z.strictObject({
  id: Id,
  name: z.string(),
  createdAt: Timestamp.nullable(),
  uptimePercent: Percent.nullable().describe(
    '100 × (1 − downtime / counted), from status changes; null when nothing was counted or no monitor reported',
  ),
  periodMinutes: Minutes,
  notExistingMinutes: Minutes.describe('part of the period before the component was created'),
  maintenanceMinutes: Minutes,
  countedMinutes: Minutes.describe('period − not existing − maintenance: what the uptime is measured against'),
  downtimeMinutes: Minutes.describe('partial + major outage, maintenance excluded'),
  partialOutageMinutes: Minutes.describe('some but not all monitors down'),
  majorOutageMinutes: Minutes.describe('all monitors down'),
  degradedMinutes: Minutes,
  noDataMinutes: Minutes.describe('no monitor had reported yet: counted as up'),
  incidentCount: Count,
  incidents: z.array(slaIncidentSchema),
  checks: z
    .strictObject({ ...checkCounts, monitors: z.array(slaMonitorChecksSchema) })
    .describe('the second figure: counted from check results (hourly and daily rollups)'),
});
export type SlaComponentReport = z.infer<typeof slaComponentReportSchema>;

export const slaReportSchema = z.strictObject({
  period: z.strictObject({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    timeZone: z.string().min(1),
    from: Timestamp,
    to: Timestamp,
    measuredUntil: Timestamp.describe('to, or generatedAt for the current month'),
    complete: z.boolean().describe('false while the month is still running'),
  }),
  generatedAt: Timestamp,
  components: z.array(slaComponentReportSchema),
  aggregate: z.strictObject({
    componentCount: Count,
    uptimePercent: Percent.nullable().describe("mean of the components' uptimePercent (those that have one)"),
    downtimeMinutes: Minutes.describe('time at least one component was down: simultaneous outages count once'),
    incidentCount: Count.describe('distinct incidents across the components'),
  }),
});
export type SlaReport = z.infer<typeof slaReportSchema>;
