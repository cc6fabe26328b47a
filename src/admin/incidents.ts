import type { z } from 'zod';
import { newId } from '../domain/ids.ts';
import type { Incident, IncidentUpdate } from '../domain/incident.ts';
import type { ComponentStatus } from '../domain/statuses.ts';
import type { AdminStore } from '../store/admin-store.ts';
import { requirePermission } from './actor.ts';
import { AdminError, notFound } from './admin-error.ts';
import { audit } from './audit.ts';
import { queueIncidentNotifications } from './queue-notifications.ts';
import type { IncidentCreateInput, IncidentUpdateCreateInput, incidentPatchSchema } from './incident-input.ts';
import type { ServiceContext } from './service-context.ts';

const isOpen = (i: Incident) => i.resolvedAt === null;

export async function listIncidents(
  ctx: ServiceContext,
  opts: { state: 'open' | 'resolved' | 'all'; limit: number; before?: number },
): Promise<Incident[]> {
  requirePermission(ctx.actor, 'read');
  if (opts.state === 'open') return ctx.store.loadOpenIncidents();
  const list = await ctx.store.listIncidents({ limit: opts.limit, before: opts.before });
  return opts.state === 'all' ? list : list.filter((i) => !isOpen(i));
}

export async function getIncident(ctx: ServiceContext, id: string): Promise<Incident> {
  requirePermission(ctx.actor, 'read');
  const incident = await ctx.store.getIncident(id);
  if (!incident) throw notFound('incident', id);
  return incident;
}

/** An incident written by a person, with its first update and the status each affected component should show. */
export async function createIncident(ctx: ServiceContext, input: IncidentCreateInput): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  const now = ctx.now();
  const id = newId();
  const current = await currentStatuses(ctx);
  const incident = await ctx.store.admin.transaction(async (tx) => {
    const affected = await affectedComponents(tx, current, input.components, 'body.components');
    const resolved = input.status === 'resolved';
    const first: IncidentUpdate = {
      id: newId(),
      incidentId: id,
      status: input.status,
      body: input.body,
      createdAt: now,
      affectedComponents: resolved ? restoreAll(affected) : affected,
    };
    const made: Incident = {
      id,
      name: input.name,
      status: input.status,
      impact: input.impact,
      source: 'manual',
      componentIds: input.components.map((c) => c.id),
      createdAt: now,
      updatedAt: now,
      resolvedAt: resolved ? now : null,
      updates: [first],
      postmortem: null,
      takenOverBy: null,
    };
    await tx.saveIncident(made);
    await queueIncidentNotifications(ctx, tx, undefined, made, now);
    await audit(tx, ctx.actor, now, 'incident.create', { type: 'incident', id }, null, summary(made));
    return made;
  });
  await ctx.runtime.incidentChanged(id);
  return incident;
}

/** A new update: may change the status (resolving it), the impact and the affected components' statuses. */
export async function postIncidentUpdate(
  ctx: ServiceContext,
  id: string,
  input: IncidentUpdateCreateInput,
): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  const current = await currentStatuses(ctx);
  return changeIncident(
    ctx,
    id,
    'incident.update.create',
    async (incident, tx, now) => {
      const status = input.status ?? incident.status;
      const listed = input.components
        ? await affectedComponents(tx, current, input.components, 'body.components')
        : latestStatuses(incident);
      const resolving = status === 'resolved';
      const update: IncidentUpdate = {
        id: newId(),
        incidentId: id,
        status,
        body: input.body,
        createdAt: now,
        affectedComponents: resolving ? restoreAll(listed) : listed,
      };
      const componentIds = [...new Set([...incident.componentIds, ...(input.components ?? []).map((c) => c.id)])];
      return {
        ...incident,
        status,
        impact: input.impact ?? incident.impact,
        componentIds,
        updatedAt: now,
        resolvedAt: resolving ? (incident.resolvedAt ?? now) : null,
        updates: [...incident.updates, update],
      };
    },
    { takeOver: input.take_over === true },
  );
}

export async function patchIncident(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof incidentPatchSchema>,
): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  return changeIncident(ctx, id, 'incident.edit', async (incident, _tx, now) => ({
    ...incident,
    name: input.name ?? incident.name,
    impact: input.impact ?? incident.impact,
    updatedAt: now,
  }));
}

export async function editIncidentUpdate(
  ctx: ServiceContext,
  id: string,
  updateId: string,
  body: string,
): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  return changeIncident(ctx, id, 'incident.update.edit', async (incident, _tx, now) => {
    if (!incident.updates.some((u) => u.id === updateId)) throw notFound('incident update', updateId);
    return {
      ...incident,
      updatedAt: now,
      updates: incident.updates.map((u) => (u.id === updateId ? { ...u, body } : u)),
    };
  });
}

export async function deleteIncidentUpdate(ctx: ServiceContext, id: string, updateId: string): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  return changeIncident(ctx, id, 'incident.update.delete', async (incident, _tx, now) => {
    if (!incident.updates.some((u) => u.id === updateId)) throw notFound('incident update', updateId);
    if (incident.updates.length === 1)
      throw new AdminError('conflict', 'an incident keeps at least one update; delete the incident instead');
    return { ...incident, updatedAt: now, updates: incident.updates.filter((u) => u.id !== updateId) };
  });
}

export async function setPostmortem(ctx: ServiceContext, id: string, body: string | null): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  return changeIncident(
    ctx,
    id,
    body === null ? 'incident.postmortem.delete' : 'incident.postmortem.set',
    async (incident, _tx, now) => {
      if (body !== null && isOpen(incident))
        throw new AdminError('conflict', 'a postmortem is written once the incident is resolved');
      return {
        ...incident,
        updatedAt: now,
        postmortem: body === null ? null : { body, publishedAt: incident.postmortem?.publishedAt ?? now },
      };
    },
  );
}

/** A person takes an automatic incident over: from now on the engine leaves it to them. */
export async function takeOverIncident(ctx: ServiceContext, id: string): Promise<Incident> {
  requirePermission(ctx.actor, 'operate');
  return changeIncident(
    ctx,
    id,
    'incident.take_over',
    async (incident, _tx, now) => {
      if (incident.takenOverBy) throw new AdminError('conflict', `already taken over by ${incident.takenOverBy}`);
      return takenOver(ctx, incident, now);
    },
    { whilePharosManagesIt: true },
  );
}

function takenOver(ctx: ServiceContext, incident: Incident, now: number): Incident {
  if (incident.source !== 'auto')
    throw new AdminError('conflict', 'only automatic incidents are taken over; this one is already written by people');
  return { ...incident, takenOverBy: ctx.actor.label, updatedAt: now };
}

export async function deleteIncident(ctx: ServiceContext, id: string): Promise<void> {
  requirePermission(ctx.actor, 'operate');
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    const incident = await tx.getIncident(id);
    if (!incident) throw notFound('incident', id);
    if (incident.source === 'auto' && !incident.takenOverBy && isOpen(incident))
      throw new AdminError('conflict', 'this automatic incident is still open; take it over first');
    await tx.deleteIncident(id);
    await audit(tx, ctx.actor, now, 'incident.delete', { type: 'incident', id }, summary(incident), null);
  });
  await ctx.runtime.incidentChanged(id);
}

interface ChangeOptions {
  /** the change may be made to an open automatic incident nobody took over yet (only taking it over may) */
  whilePharosManagesIt?: boolean;
  /**
   * take an automatic incident over first, in the same transaction, audited as a takeover of its own ("take over
   * and post"); nothing more to do when someone already took it over
   */
  takeOver?: boolean;
}

async function changeIncident(
  ctx: ServiceContext,
  id: string,
  action: string,
  change: (i: Incident, tx: AdminStore, now: number) => Promise<Incident>,
  options: ChangeOptions = {},
): Promise<Incident> {
  const now = ctx.now();
  const next = await ctx.store.admin.transaction(async (tx) => {
    const incident = await tx.getIncident(id);
    if (!incident) throw notFound('incident', id);
    let current = incident;
    if (options.takeOver && !incident.takenOverBy) {
      current = takenOver(ctx, incident, now);
      await audit(
        tx,
        ctx.actor,
        now,
        'incident.take_over',
        { type: 'incident', id },
        summary(incident),
        summary(current),
      );
    }
    if (current.source === 'auto' && !current.takenOverBy && !options.whilePharosManagesIt && isOpen(current)) {
      throw new AdminError(
        'conflict',
        'Pharos is still running this automatic incident: take it over to post (send "take_over": true with the update, or POST …/take-over first)',
      );
    }
    const changed = await change(current, tx, now);
    await tx.saveIncident(changed);
    await queueIncidentNotifications(ctx, tx, incident, changed, now);
    await audit(tx, ctx.actor, now, action, { type: 'incident', id }, summary(current), summary(changed));
    return changed;
  });
  await ctx.runtime.incidentChanged(id);
  return next;
}

/** The audit log keeps the gist, not every update's body. */
function summary(i: Incident) {
  return {
    name: i.name,
    status: i.status,
    impact: i.impact,
    components: i.componentIds,
    updates: i.updates.length,
    postmortem: !!i.postmortem,
    takenOverBy: i.takenOverBy ?? null,
  };
}

/** Read before a transaction opens: on SQLite one connection serves everything, so a transaction reads only through `tx`. */
async function currentStatuses(ctx: ServiceContext): Promise<Map<string, ComponentStatus>> {
  return new Map((await ctx.store.loadComponentStatuses()).map((s) => [s.componentId, s.status]));
}

async function affectedComponents(
  tx: AdminStore,
  current: Map<string, ComponentStatus>,
  list: { id: string; status: ComponentStatus }[],
  path: string,
): Promise<IncidentUpdate['affectedComponents']> {
  const known = new Set((await tx.listCatalog('component')).map((c) => c.id));
  const issues = list.flatMap((c, i) =>
    known.has(c.id) ? [] : [{ path: `${path}.${i}.id`, message: `no component with id "${c.id}"` }],
  );
  if (issues.length)
    throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  return list.map((c) => ({ componentId: c.id, oldStatus: current.get(c.id) ?? 'operational', newStatus: c.status }));
}

/** The statuses the incident's latest update set, carried to an update that does not change them. */
function latestStatuses(incident: Incident): IncidentUpdate['affectedComponents'] {
  const last = new Map<string, ComponentStatus>();
  for (const u of incident.updates) for (const a of u.affectedComponents) last.set(a.componentId, a.newStatus);
  return [...last].map(([componentId, status]) => ({ componentId, oldStatus: status, newStatus: status }));
}

/** Resolving hands the components back to their monitors: shown as operational in the update. */
function restoreAll(list: IncidentUpdate['affectedComponents']): IncidentUpdate['affectedComponents'] {
  return list.map((a) => ({ ...a, newStatus: 'operational' }));
}
