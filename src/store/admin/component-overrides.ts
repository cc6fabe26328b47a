import type { ComponentOverride } from '../admin-store.ts';
import type { StoreContext } from '../store-context.ts';

/** Every manual status, by component id. */
export async function listComponentOverrides(ctx: StoreContext): Promise<ComponentOverride[]> {
  const rows = await ctx.db.selectFrom('component_overrides').selectAll().orderBy('component_id').execute();
  return rows.map((r) => ({
    componentId: r.component_id,
    status: r.status,
    note: r.note,
    setAt: r.set_at,
    setBy: r.set_by,
  }));
}

/** Set (or replace) a component's manual status. */
export async function setComponentOverride(ctx: StoreContext, o: ComponentOverride): Promise<void> {
  await ctx.db
    .insertInto('component_overrides')
    .values({ component_id: o.componentId, status: o.status, note: o.note, set_at: o.setAt, set_by: o.setBy })
    .onConflict((oc) =>
      oc.column('component_id').doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        note: eb.ref('excluded.note'),
        set_at: eb.ref('excluded.set_at'),
        set_by: eb.ref('excluded.set_by'),
      })),
    )
    .execute();
}

export async function clearComponentOverride(ctx: StoreContext, componentId: string): Promise<void> {
  await ctx.db.deleteFrom('component_overrides').where('component_id', '=', componentId).execute();
}
