import { requirePermission } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { newId } from '../../domain/ids.ts';
import type { Incident, IncidentUpdate } from '../../domain/incident.ts';
import type { ComponentStatus } from '../../domain/statuses.ts';
import type { ImportedIncident, ImportPlan } from '../import-plan.ts';

/** An incident import reads every stored incident once to find those of an earlier run. */
const MAX_STORED_INCIDENTS = 1_000_000;

/**
 * Write the source's incidents as they happened: each update at its own time, with the component statuses it set.
 * Unlike createIncident, nothing is queued for channels or subscribers (this is history, not news); each is audited
 * as `incident.import`. An incident already stored (same name and start) is left alone, so a second run adds none.
 */
export async function writeIncidents(ctx: ServiceContext, plan: ImportPlan): Promise<void> {
  if (plan.incidents.length === 0) return;
  requirePermission(ctx.actor, 'operate');
  const stored = await ctx.store.listIncidents({ limit: MAX_STORED_INCIDENTS });
  const seen = new Set(stored.map((i) => `${i.createdAt} ${i.name}`));
  const components = new Set((await ctx.store.admin.listCatalog('component')).map((c) => c.id));
  for (const p of plan.incidents) {
    const first = p.value.updates[0]!;
    if (seen.has(`${first.at} ${p.value.name}`)) {
      plan.report.info(p.line, 'already in the store: unchanged');
      continue;
    }
    const unknown = new Set(
      p.value.updates.flatMap((u) => u.components.map((c) => c.id)).filter((id) => !components.has(id)),
    );
    if (unknown.size)
      plan.report.approximate(p.line, `component(s) ${[...unknown].join(', ')} not in the store: not linked`);
    const incident = incidentOf(p.value, components);
    const now = ctx.now();
    await ctx.store.admin.transaction(async (tx) => {
      await tx.saveIncident(incident);
      await audit(tx, ctx.actor, now, 'incident.import', { type: 'incident', id: incident.id }, null, {
        name: incident.name,
        status: incident.status,
        updates: incident.updates.length,
      });
    });
    await ctx.runtime.incidentChanged(incident.id);
    seen.add(`${first.at} ${p.value.name}`);
    plan.report.info(p.line, 'created');
  }
}

export function incidentOf(source: ImportedIncident, known: Set<string>): Incident {
  const id = newId();
  const current = new Map<string, ComponentStatus>();
  const updates: IncidentUpdate[] = source.updates.map((u) => {
    const listed = u.components.filter((c) => known.has(c.id));
    const affected = listed.map((c) => {
      const oldStatus = current.get(c.id) ?? 'operational';
      const newStatus = u.status === 'resolved' ? 'operational' : c.status;
      current.set(c.id, newStatus);
      return { componentId: c.id, oldStatus, newStatus };
    });
    return {
      id: newId(),
      incidentId: id,
      status: u.status,
      body: u.body,
      createdAt: u.at,
      affectedComponents: affected,
    };
  });
  const last = source.updates.at(-1)!;
  const resolved = last.status === 'resolved';
  return {
    id,
    name: source.name,
    status: last.status,
    impact: source.impact,
    source: 'manual',
    componentIds: [
      ...new Set(source.updates.flatMap((u) => u.components.map((c) => c.id)).filter((c) => known.has(c))),
    ],
    createdAt: source.updates[0]!.at,
    updatedAt: last.at,
    resolvedAt: resolved ? last.at : null,
    updates,
    postmortem: source.postmortem && resolved ? { body: source.postmortem, publishedAt: last.at } : null,
    takenOverBy: null,
  };
}
