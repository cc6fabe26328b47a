import { z } from 'zod';
import {
  incidentCreateSchema,
  incidentPatchSchema,
  incidentUpdateCreateSchema,
  incidentUpdateEditSchema,
  postmortemSchema,
} from '../../../admin/incident-input.ts';
import {
  createIncident,
  deleteIncident,
  deleteIncidentUpdate,
  editIncidentUpdate,
  getIncident,
  listIncidents,
  patchIncident,
  postIncidentUpdate,
  setPostmortem,
  takeOverIncident,
} from '../../../admin/incidents.ts';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../../../domain/statuses.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams, limitQuery, pathId } from './common-schemas.ts';

const incidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  impact: z.enum(INCIDENT_IMPACTS),
  source: z.enum(['auto', 'manual']),
  componentIds: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().nullable(),
  updates: z.array(
    z.object({
      id: z.string(),
      incidentId: z.string(),
      status: z.enum(INCIDENT_STATUSES),
      body: z.string(),
      createdAt: z.number(),
      affectedComponents: z.array(z.object({ componentId: z.string(), oldStatus: z.enum(COMPONENT_STATUSES), newStatus: z.enum(COMPONENT_STATUSES) })),
    }),
  ),
  postmortem: z.object({ body: z.string(), publishedAt: z.number() }).nullable().optional(),
  takenOverBy: z.string().nullable().optional(),
});

const updateParams = z.object({ id: pathId, updateId: pathId }).strict();
const T = 'Incidents';

export const incidentRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/incidents',
    access: 'read',
    tag: T,
    summary: 'Incidents, newest first',
    query: z.object({ state: z.enum(['open', 'resolved', 'all']).default('all'), limit: limitQuery, before: z.coerce.number().int().min(0).optional() }).strict(),
    response: z.array(incidentSchema),
    handle: (ctx, { query }) => listIncidents(ctx, query),
  }),
  route({ method: 'POST', path: '/api/v1/incidents', access: 'operate', tag: T, summary: 'Open an incident (Markdown body, affected components with their status)', body: incidentCreateSchema, response: incidentSchema, successStatus: 201, handle: (ctx, { body }) => createIncident(ctx, body) }),
  route({ method: 'GET', path: '/api/v1/incidents/:id', access: 'read', tag: T, summary: 'One incident with its updates', params: idParams, response: incidentSchema, handle: (ctx, { params }) => getIncident(ctx, params.id) }),
  route({ method: 'PATCH', path: '/api/v1/incidents/:id', access: 'operate', tag: T, summary: 'Rename, or change the impact', params: idParams, body: incidentPatchSchema, response: incidentSchema, handle: (ctx, { params, body }) => patchIncident(ctx, params.id, body) }),
  route({ method: 'DELETE', path: '/api/v1/incidents/:id', access: 'operate', tag: T, summary: 'Delete an incident', params: idParams, successStatus: 204, handle: (ctx, { params }) => deleteIncident(ctx, params.id) }),
  route({
    method: 'POST',
    path: '/api/v1/incidents/:id/updates',
    access: 'operate',
    tag: T,
    summary: 'Post an update: status (resolved resolves it), impact, components',
    params: idParams,
    body: incidentUpdateCreateSchema,
    response: incidentSchema,
    successStatus: 201,
    handle: (ctx, { params, body }) => postIncidentUpdate(ctx, params.id, body),
  }),
  route({ method: 'PATCH', path: '/api/v1/incidents/:id/updates/:updateId', access: 'operate', tag: T, summary: "Edit an update's text", params: updateParams, body: incidentUpdateEditSchema, response: incidentSchema, handle: (ctx, { params, body }) => editIncidentUpdate(ctx, params.id, params.updateId, body.body) }),
  route({ method: 'DELETE', path: '/api/v1/incidents/:id/updates/:updateId', access: 'operate', tag: T, summary: 'Delete an update', params: updateParams, response: incidentSchema, handle: (ctx, { params }) => deleteIncidentUpdate(ctx, params.id, params.updateId) }),
  route({ method: 'PUT', path: '/api/v1/incidents/:id/postmortem', access: 'operate', tag: T, summary: 'Write or replace the postmortem (resolved incidents)', params: idParams, body: postmortemSchema, response: incidentSchema, handle: (ctx, { params, body }) => setPostmortem(ctx, params.id, body.body) }),
  route({ method: 'DELETE', path: '/api/v1/incidents/:id/postmortem', access: 'operate', tag: T, summary: 'Remove the postmortem', params: idParams, response: incidentSchema, handle: (ctx, { params }) => setPostmortem(ctx, params.id, null) }),
  route({ method: 'POST', path: '/api/v1/incidents/:id/take-over', access: 'operate', tag: T, summary: 'Take an automatic incident over: Pharos stops updating and resolving it', params: idParams, response: incidentSchema, handle: (ctx, { params }) => takeOverIncident(ctx, params.id) }),
];
