import { sql, type Selectable } from 'kysely';
import type { CatalogKind, CatalogObject } from '../admin-store.ts';
import type { CatalogObjectsTable, ManagedBy } from '../schema.ts';
import type { StoreContext } from '../store-context.ts';

/** Monitors and components keep their tables (results and the board key on them); the other kinds share catalog_objects. */
const TABLE_OF = { monitor: 'monitors', component: 'components' } as const;
type CatalogTable = 'monitors' | 'components' | 'catalog_objects';

const COLUMNS = ['id', 'config', 'managed_by', 'position', 'created_at', 'updated_at', 'archived_at'] as const;
type CatalogRow = Pick<Selectable<CatalogObjectsTable>, (typeof COLUMNS)[number]>;

export interface CatalogPut {
  id: string;
  config: unknown;
  managedBy: ManagedBy;
  position: number;
}

/** By position, then id; archived ones only when asked. */
export async function listCatalog(
  ctx: StoreContext,
  kind: CatalogKind,
  opts: { includeArchived?: boolean } = {},
): Promise<CatalogObject[]> {
  const table = tableOf(kind);
  const rows = await ctx.db
    .selectFrom(table)
    .select(COLUMNS)
    .$if(table === 'catalog_objects', (qb) => qb.where(sql.ref('kind'), '=', kind))
    .$if(!opts.includeArchived, (qb) => qb.where('archived_at', 'is', null))
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toCatalogObject);
}

export async function getCatalog(
  ctx: StoreContext,
  kind: CatalogKind,
  id: string,
  opts: { includeArchived?: boolean } = {},
): Promise<CatalogObject | undefined> {
  const table = tableOf(kind);
  const row = await ctx.db
    .selectFrom(table)
    .select(COLUMNS)
    .where('id', '=', id)
    .$if(table === 'catalog_objects', (qb) => qb.where(sql.ref('kind'), '=', kind))
    .$if(!opts.includeArchived, (qb) => qb.where('archived_at', 'is', null))
    .executeTakeFirst();
  return row && toCatalogObject(row);
}

/** Insert or replace; a replaced row keeps its created_at, an archived one comes back. */
export async function putCatalog(ctx: StoreContext, kind: CatalogKind, o: CatalogPut, now: number): Promise<void> {
  const row = {
    id: o.id,
    config: JSON.stringify(o.config),
    managed_by: o.managedBy,
    position: o.position,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  const replace = {
    config: row.config,
    managed_by: row.managed_by,
    position: row.position,
    archived_at: null,
    updated_at: now,
  };
  if (kind === 'monitor' || kind === 'component') {
    await ctx.db
      .insertInto(TABLE_OF[kind])
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replace))
      .execute();
    return;
  }
  await ctx.db
    .insertInto('catalog_objects')
    .values({ ...row, kind })
    .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(replace))
    .execute();
}

/** Archive (not delete) the object; one archived already keeps its first archived_at. */
export async function archiveCatalog(ctx: StoreContext, kind: CatalogKind, id: string, now: number): Promise<void> {
  const table = tableOf(kind);
  await ctx.db
    .updateTable(table)
    .set({ archived_at: now, updated_at: now })
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .$if(table === 'catalog_objects', (qb) => qb.where(sql.ref('kind'), '=', kind))
    .execute();
}

function tableOf(kind: CatalogKind): CatalogTable {
  return kind === 'monitor' || kind === 'component' ? TABLE_OF[kind] : 'catalog_objects';
}

function toCatalogObject(r: CatalogRow): CatalogObject {
  return {
    id: r.id,
    // validated before it was stored
    config: JSON.parse(r.config) as unknown,
    managedBy: r.managed_by,
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}
