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
import { recoveredIncidentIds } from '../../../admin/incident-recovery-check.ts';
import type { ServiceContext } from '../../../admin/service-context.ts';
import type { Incident } from '../../../domain/incident.ts';
import { incidentView, presentIncident, type IncidentView } from '../views/incident-view.ts';
import { apiTime } from '../views/api-time.ts';
import { route, type AdminRoute } from '../admin-route.ts';
import { idParams, limitQuery, pathId } from './common-schemas.ts';

/** Incidents as the API shows them, with whether their monitors recovered after a takeover. */
async function shown(ctx: ServiceContext, incident: Promise<Incident>): Promise<IncidentView> {
  const i = await incident;
  return presentIncident(i, (await recoveredIncidentIds(ctx, [i])).has(i.id));
}

async function shownList(ctx: ServiceContext, list: Promise<Incident[]>): Promise<IncidentView[]> {
  const incidents = await list;
  const recovered = await recoveredIncidentIds(ctx, incidents);
  return incidents.map((i) => presentIncident(i, recovered.has(i.id)));
}

const updateParams = z.object({ id: pathId, updateId: pathId }).strict();
const T = 'Incidents';

export const incidentRoutes: AdminRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/incidents',
    access: 'read',
    tag: T,
    summary: 'Incidents, newest first',
    query: z
      .object({
        state: z.enum(['open', 'resolved', 'all']).default('all'),
        limit: limitQuery,
        before: apiTime
          .transform((t) => Date.parse(t))
          .optional()
          .describe('incidents opened before this time (the created_at of the last one of a page)'),
      })
      .strict(),
    response: z.array(incidentView),
    handle: (ctx, { query }) => shownList(ctx, listIncidents(ctx, query)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/incidents',
    access: 'operate',
    tag: T,
    summary: 'Open an incident (Markdown body, affected components with their status)',
    body: incidentCreateSchema,
    response: incidentView,
    successStatus: 201,
    handle: (ctx, { body }) => shown(ctx, createIncident(ctx, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/incidents/:id',
    access: 'read',
    tag: T,
    summary: 'One incident with its updates',
    params: idParams,
    response: incidentView,
    handle: (ctx, { params }) => shown(ctx, getIncident(ctx, params.id)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/incidents/:id',
    access: 'operate',
    tag: T,
    summary: 'Rename, or change the impact',
    params: idParams,
    body: incidentPatchSchema,
    response: incidentView,
    handle: (ctx, { params, body }) => shown(ctx, patchIncident(ctx, params.id, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/incidents/:id',
    access: 'operate',
    tag: T,
    summary: 'Delete an incident',
    params: idParams,
    successStatus: 204,
    handle: (ctx, { params }) => deleteIncident(ctx, params.id),
  }),
  route({
    method: 'POST',
    path: '/api/v1/incidents/:id/updates',
    access: 'operate',
    tag: T,
    summary: 'Post an update: status (resolved resolves it), impact, components',
    description:
      'An automatic incident that Pharos still runs answers 409 unless the update says `"take_over": true`: then the incident is taken over and the update posted in one transaction, audited as both (incident.take_over, incident.update.create).',
    params: idParams,
    body: incidentUpdateCreateSchema,
    response: incidentView,
    successStatus: 201,
    handle: (ctx, { params, body }) => shown(ctx, postIncidentUpdate(ctx, params.id, body)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/incidents/:id/updates/:updateId',
    access: 'operate',
    tag: T,
    summary: "Edit an update's text",
    params: updateParams,
    body: incidentUpdateEditSchema,
    response: incidentView,
    handle: (ctx, { params, body }) => shown(ctx, editIncidentUpdate(ctx, params.id, params.updateId, body.body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/incidents/:id/updates/:updateId',
    access: 'operate',
    tag: T,
    summary: 'Delete an update',
    params: updateParams,
    response: incidentView,
    handle: (ctx, { params }) => shown(ctx, deleteIncidentUpdate(ctx, params.id, params.updateId)),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/incidents/:id/postmortem',
    access: 'operate',
    tag: T,
    summary: 'Write or replace the postmortem (resolved incidents)',
    params: idParams,
    body: postmortemSchema,
    response: incidentView,
    handle: (ctx, { params, body }) => shown(ctx, setPostmortem(ctx, params.id, body.body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/incidents/:id/postmortem',
    access: 'operate',
    tag: T,
    summary: 'Remove the postmortem',
    params: idParams,
    response: incidentView,
    handle: (ctx, { params }) => shown(ctx, setPostmortem(ctx, params.id, null)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/incidents/:id/take-over',
    access: 'operate',
    tag: T,
    summary: 'Take an automatic incident over: Pharos stops updating and resolving it',
    params: idParams,
    response: incidentView,
    handle: (ctx, { params }) => shown(ctx, takeOverIncident(ctx, params.id)),
  }),
];
