import { z } from 'zod';
import { idSchema } from '../config/id-schema.ts';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS } from '../domain/statuses.ts';

/** The statuses a person sets on an incident (Statuspage's; 'postmortem' is a separate document here). */
export const MANUAL_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

const body = z.string().max(20_000);
const affected = z
  .array(z.object({ id: idSchema, status: z.enum(COMPONENT_STATUSES) }).strict())
  .max(200)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, { message: 'a component is listed twice' });

export const incidentCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    status: z.enum(MANUAL_INCIDENT_STATUSES).default('investigating'),
    impact: z.enum(INCIDENT_IMPACTS).default('minor'),
    body: body.default(''),
    /** affected components and the status each should show while the incident is open */
    components: affected.default([]),
  })
  .strict();
export type IncidentCreateInput = z.infer<typeof incidentCreateSchema>;

export const incidentUpdateCreateSchema = z
  .object({
    status: z.enum(MANUAL_INCIDENT_STATUSES).optional(),
    impact: z.enum(INCIDENT_IMPACTS).optional(),
    body: body.min(1),
    /** replaces the affected components' statuses (listed ones); omitted: unchanged */
    components: affected.optional(),
    /** an automatic incident Pharos still runs: take it over and post, in one step (audited as both) */
    take_over: z.boolean().optional(),
  })
  .strict();
export type IncidentUpdateCreateInput = z.infer<typeof incidentUpdateCreateSchema>;

export const incidentPatchSchema = z
  .object({ name: z.string().trim().min(1).max(300).optional(), impact: z.enum(INCIDENT_IMPACTS).optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.impact !== undefined, { message: 'give name or impact' });

export const incidentUpdateEditSchema = z.object({ body: body.min(1) }).strict();
export const postmortemSchema = z.object({ body: body.min(1) }).strict();
