import type { Insertable } from 'kysely';
import type { Incident } from '../domain/incident.ts';
import type { IncidentComponentsTable, IncidentsTable, IncidentUpdatesTable } from './schema.ts';
import { chunksFor, type StoreContext } from './store-context.ts';

/**
 * Upsert incidents (the last version given wins), replace their component lists, and insert the updates
 * not stored yet: an update is immutable once written, so one already stored (by id) is left alone.
 * A take-over or a postmortem is written when given but never cleared here: the engine's copy of an
 * incident may predate a person's edit, and only a person (AdminStore.saveIncident) clears them.
 */
export async function writeIncidents(ctx: StoreContext, incidents: readonly Incident[]): Promise<void> {
  const latest = [...new Map(incidents.map((i) => [i.id, i])).values()];
  if (latest.length === 0) return;

  for (const chunk of chunksFor(ctx.dialect, latest.map(incidentRow), 11)) {
    await ctx.db
      .insertInto('incidents')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          status: eb.ref('excluded.status'),
          impact: eb.ref('excluded.impact'),
          source: eb.ref('excluded.source'),
          updated_at: eb.ref('excluded.updated_at'),
          resolved_at: eb.ref('excluded.resolved_at'),
          postmortem_body: eb.fn.coalesce('excluded.postmortem_body', 'incidents.postmortem_body'),
          postmortem_published_at: eb.fn.coalesce(
            'excluded.postmortem_published_at',
            'incidents.postmortem_published_at',
          ),
          taken_over_by: eb.fn.coalesce('excluded.taken_over_by', 'incidents.taken_over_by'),
        })),
      )
      .execute();
  }

  await replaceIncidentComponents(ctx, latest);

  for (const chunk of chunksFor(ctx.dialect, latest.flatMap(incidentUpdateRows), 7)) {
    await ctx.db
      .insertInto('incident_updates')
      .values(chunk)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** The incidents row: the postmortem in two columns (both null without one). */
export function incidentRow(i: Incident): Insertable<IncidentsTable> {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    source: i.source,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    resolved_at: i.resolvedAt,
    postmortem_body: i.postmortem?.body ?? null,
    postmortem_published_at: i.postmortem?.publishedAt ?? null,
    taken_over_by: i.takenOverBy ?? null,
  };
}

/** The update rows, positioned by their index in Incident.updates. */
export function incidentUpdateRows(i: Incident): Insertable<IncidentUpdatesTable>[] {
  return i.updates.map((u, position) => ({
    id: u.id,
    incident_id: i.id,
    position,
    status: u.status,
    body: u.body,
    created_at: u.createdAt,
    affected_components: JSON.stringify(u.affectedComponents),
  }));
}

/** Make each incident's component rows its componentIds (deduplicated, in order). */
export async function replaceIncidentComponents(ctx: StoreContext, incidents: readonly Incident[]): Promise<void> {
  for (const chunk of chunksFor(
    ctx.dialect,
    incidents.map((i) => i.id),
    1,
  ))
    await ctx.db.deleteFrom('incident_components').where('incident_id', 'in', chunk).execute();
  const components: Insertable<IncidentComponentsTable>[] = incidents.flatMap((i) =>
    [...new Set(i.componentIds)].map((componentId, position) => ({
      incident_id: i.id,
      component_id: componentId,
      position,
    })),
  );
  for (const chunk of chunksFor(ctx.dialect, components, 3))
    await ctx.db.insertInto('incident_components').values(chunk).execute();
}
