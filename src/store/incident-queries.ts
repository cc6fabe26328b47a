import type { Selectable } from 'kysely';
import type { Incident, IncidentUpdate } from '../domain/incident.ts';
import type { IncidentsTable } from './schema.ts';
import { chunksFor, type StoreContext } from './store-context.ts';

/** Incidents not resolved yet, most recent first. */
export async function loadOpenIncidents(ctx: StoreContext): Promise<Incident[]> {
  const rows = await ctx.db
    .selectFrom('incidents')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return withDetails(ctx, rows);
}

/** Incidents created before `before` (when given), most recent first. */
export async function listIncidents(ctx: StoreContext, opts: { limit: number; before?: number }): Promise<Incident[]> {
  if (opts.limit <= 0) return [];
  const rows = await ctx.db
    .selectFrom('incidents')
    .selectAll()
    .$if(opts.before !== undefined, (qb) => qb.where('created_at', '<', opts.before ?? 0))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.floor(opts.limit))
    .execute();
  return withDetails(ctx, rows);
}

export async function getIncident(ctx: StoreContext, id: string): Promise<Incident | undefined> {
  const row = await ctx.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withDetails(ctx, [row]))[0] : undefined;
}

/** Attach component ids (in their stored order) and updates (oldest first) to incident rows. */
async function withDetails(ctx: StoreContext, rows: readonly Selectable<IncidentsTable>[]): Promise<Incident[]> {
  const componentIds = new Map<string, string[]>();
  const updates = new Map<string, IncidentUpdate[]>();
  for (const chunk of chunksFor(
    ctx.dialect,
    rows.map((r) => r.id),
    1,
  )) {
    const components = await ctx.db
      .selectFrom('incident_components')
      .select(['incident_id', 'component_id'])
      .where('incident_id', 'in', chunk)
      .orderBy('incident_id')
      .orderBy('position')
      .execute();
    for (const c of components) push(componentIds, c.incident_id, c.component_id);

    const updateRows = await ctx.db
      .selectFrom('incident_updates')
      .selectAll()
      .where('incident_id', 'in', chunk)
      .orderBy('created_at')
      .orderBy('position')
      .execute();
    for (const u of updateRows) {
      push(updates, u.incident_id, {
        id: u.id,
        incidentId: u.incident_id,
        status: u.status,
        body: u.body,
        createdAt: u.created_at,
        affectedComponents: JSON.parse(u.affected_components) as IncidentUpdate['affectedComponents'],
      });
    }
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    impact: r.impact,
    source: r.source,
    componentIds: componentIds.get(r.id) ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
    updates: updates.get(r.id) ?? [],
    postmortem:
      r.postmortem_body === null
        ? null
        : { body: r.postmortem_body, publishedAt: r.postmortem_published_at ?? r.updated_at },
    takenOverBy: r.taken_over_by,
  }));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
