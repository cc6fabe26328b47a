import type { Incident } from '../../domain/incident.ts';
import type { StoreContext } from '../store-context.ts';
import { chunksFor } from '../store-context.ts';
import { incidentRow, incidentUpdateRows, replaceIncidentComponents } from '../write-incidents.ts';

/**
 * Insert or fully replace an incident as a person edited it: every column (a cleared postmortem or
 * take-over included), its components, and its updates (upserted by id, so a body can be corrected;
 * stored ones missing from the list are deleted). Run inside a transaction.
 */
export async function saveIncident(ctx: StoreContext, incident: Incident): Promise<void> {
  const row = incidentRow(incident);
  const { id: _id, ...replace } = row;
  await ctx.db
    .insertInto('incidents')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(replace))
    .execute();

  await replaceIncidentComponents(ctx, [incident]);

  const keep = new Set(incident.updates.map((u) => u.id));
  const stored = await ctx.db
    .selectFrom('incident_updates')
    .select('id')
    .where('incident_id', '=', incident.id)
    .execute();
  const gone = stored.map((u) => u.id).filter((id) => !keep.has(id));
  for (const chunk of chunksFor(ctx.dialect, gone, 1)) {
    await ctx.db
      .deleteFrom('incident_updates')
      .where('incident_id', '=', incident.id)
      .where('id', 'in', chunk)
      .execute();
  }
  for (const chunk of chunksFor(ctx.dialect, incidentUpdateRows(incident), 7)) {
    await ctx.db
      .insertInto('incident_updates')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          incident_id: eb.ref('excluded.incident_id'),
          position: eb.ref('excluded.position'),
          status: eb.ref('excluded.status'),
          body: eb.ref('excluded.body'),
          created_at: eb.ref('excluded.created_at'),
          affected_components: eb.ref('excluded.affected_components'),
        })),
      )
      .execute();
  }
}

/** Remove an incident with its updates and components. Run inside a transaction. */
export async function deleteIncident(ctx: StoreContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('incident_updates').where('incident_id', '=', id).execute();
  await ctx.db.deleteFrom('incident_components').where('incident_id', '=', id).execute();
  await ctx.db.deleteFrom('incidents').where('id', '=', id).execute();
}
