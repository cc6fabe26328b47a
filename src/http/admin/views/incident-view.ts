import { z } from 'zod';
import type { Incident } from '../../../domain/incident.ts';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../../../domain/statuses.ts';
import { apiTime, isoTime, isoTimeOrNull } from './api-time.ts';

export const incidentView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(INCIDENT_IMPACTS),
  source: z.enum(['auto', 'manual']),
  component_ids: z.array(z.string()),
  created_at: apiTime,
  updated_at: apiTime,
  resolved_at: apiTime.nullable(),
  updates: z.array(
    z.object({
      id: z.string(),
      incident_id: z.string(),
      status: z.enum(INCIDENT_STATUSES),
      body: z.string(),
      created_at: apiTime,
      affected_components: z.array(
        z.object({
          component_id: z.string(),
          old_status: z.enum(COMPONENT_STATUSES),
          new_status: z.enum(COMPONENT_STATUSES),
        }),
      ),
    }),
  ),
  postmortem: z.object({ body: z.string(), published_at: apiTime }).nullable(),
  taken_over_by: z.string().nullable().describe('who took this automatic incident over; null while Pharos runs it'),
  monitors_recovered: z
    .boolean()
    .describe(
      'an automatic incident someone took over, still open, whose monitors are all up again: it may be resolved',
    ),
});
export type IncidentView = z.infer<typeof incidentView>;

export function presentIncident(i: Incident, monitorsRecovered = false): IncidentView {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    source: i.source,
    component_ids: i.componentIds,
    created_at: isoTime(i.createdAt),
    updated_at: isoTime(i.updatedAt),
    resolved_at: isoTimeOrNull(i.resolvedAt),
    updates: i.updates.map((u) => ({
      id: u.id,
      incident_id: u.incidentId,
      status: u.status,
      body: u.body,
      created_at: isoTime(u.createdAt),
      affected_components: u.affectedComponents.map((a) => ({
        component_id: a.componentId,
        old_status: a.oldStatus,
        new_status: a.newStatus,
      })),
    })),
    postmortem: i.postmortem ? { body: i.postmortem.body, published_at: isoTime(i.postmortem.publishedAt) } : null,
    taken_over_by: i.takenOverBy ?? null,
    monitors_recovered: monitorsRecovered,
  };
}
