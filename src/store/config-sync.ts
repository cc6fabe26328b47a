import type { Insertable, Kysely } from 'kysely';
import type { CatalogKind } from './admin-store.ts';
import type { ComponentsTable, Database, MonitorsTable, ObjectCatalogKind } from './schema.ts';
import { chunksFor, type StoreContext } from './store-context.ts';
import type { ConfigSyncInput, ConfigSyncOutcome } from './store.ts';

type ConfigTable = 'monitors' | 'components';
type ConfigRow = Insertable<MonitorsTable> & Insertable<ComponentsTable>;

/**
 * Make the stored monitors, components and other catalog kinds match the config, in one transaction:
 * upsert each (config as JSON, managed by 'config', position = index; an archived one comes back), archive
 * the config-managed ones the config no longer names. Nothing is deleted: results and incidents keep their
 * history. A row the admin API created takes the config's version when the config names its id.
 * A catalog kind absent from `input.catalog` is left alone (an older caller does not archive groups).
 */
export async function syncConfig(ctx: StoreContext, input: ConfigSyncInput, now: number): Promise<ConfigSyncOutcome> {
  return ctx.db.transaction().execute(async (tx) => {
    const t: StoreContext = { ...ctx, db: tx };
    const archivedMonitors = await syncTable(t, 'monitors', input.monitors, now);
    const archivedComponents = await syncTable(t, 'components', input.components, now);
    if (!input.catalog) return { archivedMonitors, archivedComponents };
    const archived: Partial<Record<CatalogKind, string[]>> = {
      monitor: archivedMonitors,
      component: archivedComponents,
    };
    for (const { kind, objects } of input.catalog) archived[kind] = await syncObjects(t, kind, objects, now);
    return { archivedMonitors, archivedComponents, archived };
  });
}

async function syncTable(
  ctx: StoreContext,
  table: ConfigTable,
  configs: readonly { id: string }[],
  now: number,
): Promise<string[]> {
  const rows: ConfigRow[] = configs.map((config, position) => configRow(config, position, now));
  for (const chunk of chunksFor(ctx.dialect, rows, 7)) await upsertChunk(ctx.db, table, chunk);

  const named = new Set(configs.map((c) => c.id));
  const active = await ctx.db
    .selectFrom(table)
    .select('id')
    .where('managed_by', '=', 'config')
    .where('archived_at', 'is', null)
    .execute();
  const gone = active.map((r) => r.id).filter((id) => !named.has(id));
  for (const chunk of chunksFor(ctx.dialect, gone, 1)) {
    await ctx.db.updateTable(table).set({ archived_at: now, updated_at: now }).where('id', 'in', chunk).execute();
  }
  return gone.sort();
}

/** The same for one kind of catalog_objects. */
async function syncObjects(
  ctx: StoreContext,
  kind: ObjectCatalogKind,
  configs: readonly { id: string }[],
  now: number,
): Promise<string[]> {
  const rows = configs.map((config, position) => ({ ...configRow(config, position, now), kind }));
  for (const chunk of chunksFor(ctx.dialect, rows, 8)) {
    await ctx.db
      .insertInto('catalog_objects')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
          config: eb.ref('excluded.config'),
          managed_by: eb.ref('excluded.managed_by'),
          position: eb.ref('excluded.position'),
          archived_at: null,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  const named = new Set(configs.map((c) => c.id));
  const active = await ctx.db
    .selectFrom('catalog_objects')
    .select('id')
    .where('kind', '=', kind)
    .where('managed_by', '=', 'config')
    .where('archived_at', 'is', null)
    .execute();
  const gone = active.map((r) => r.id).filter((id) => !named.has(id));
  for (const chunk of chunksFor(ctx.dialect, gone, 1)) {
    await ctx.db
      .updateTable('catalog_objects')
      .set({ archived_at: now, updated_at: now })
      .where('kind', '=', kind)
      .where('id', 'in', chunk)
      .execute();
  }
  return gone.sort();
}

function configRow(config: { id: string }, position: number, now: number): ConfigRow {
  return {
    id: config.id,
    config: JSON.stringify(config),
    managed_by: 'config',
    position,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
}

function upsertChunk(db: Kysely<Database>, table: ConfigTable, rows: ConfigRow[]) {
  return db
    .insertInto(table)
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        config: eb.ref('excluded.config'),
        managed_by: eb.ref('excluded.managed_by'),
        position: eb.ref('excluded.position'),
        archived_at: null,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
