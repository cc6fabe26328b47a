import type { Insertable } from 'kysely';
import type { Incident } from '../domain/incident.ts';
import type { IncidentComponentsTable, IncidentsTable, IncidentUpdatesTable } from './schema.ts';
import { chunksFor, type StoreContext } from './store-context.ts';

/**
 * Upsert incidents (the last version given wins), replace their component lists, and insert the updates
 * not stored yet: an update is immutable once written, so one already stored (by id) is left alone.
 */
export async function writeIncidents(ctx: StoreContext, incidents: readonly Incident[]): Promise<void> {
  const latest = [...new Map(incidents.map((i) => [i.id, i])).values()];
  if (latest.length === 0) return;

  const rows: Insertable<IncidentsTable>[] = latest.map((i) => ({
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    source: i.source,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    resolved_at: i.resolvedAt,
  }));
  for (const chunk of chunksFor(ctx.dialect, rows, 8)) {
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
        })),
      )
      .execute();
  }

  const ids = latest.map((i) => i.id);
  for (const chunk of chunksFor(ctx.dialect, ids, 1)) await ctx.db.deleteFrom('incident_components').where('incident_id', 'in', chunk).execute();
  const components: Insertable<IncidentComponentsTable>[] = latest.flatMap((i) =>
    [...new Set(i.componentIds)].map((componentId, position) => ({ incident_id: i.id, component_id: componentId, position })),
  );
  for (const chunk of chunksFor(ctx.dialect, components, 3)) await ctx.db.insertInto('incident_components').values(chunk).execute();

  const updates: Insertable<IncidentUpdatesTable>[] = latest.flatMap((i) =>
    i.updates.map((u, position) => ({
      id: u.id,
      incident_id: i.id,
      position,
      status: u.status,
      body: u.body,
      created_at: u.createdAt,
      affected_components: JSON.stringify(u.affectedComponents),
    })),
  );
  for (const chunk of chunksFor(ctx.dialect, updates, 7)) {
    await ctx.db
      .insertInto('incident_updates')
      .values(chunk)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
