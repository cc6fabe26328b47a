import { sql } from 'kysely';
import type { ComponentConfig } from '../config/schema.ts';
import type { MonitorConfig } from '../config/monitor-schema.ts';
import type { StoreContext } from './store-context.ts';
import type { StoredComponent, StoredMonitor } from './store.ts';

/** Active rows first, archived ones after them. */
const activeFirst = sql<number>`case when archived_at is null then 0 else 1 end`;

/** Monitors in config order (then by id), without archived ones unless asked (then last). */
export async function listMonitors(
  ctx: StoreContext,
  opts: { includeArchived?: boolean } = {},
): Promise<StoredMonitor[]> {
  const rows = await ctx.db
    .selectFrom('monitors')
    .select(['id', 'config', 'managed_by', 'created_at', 'archived_at'])
    .$if(!opts.includeArchived, (qb) => qb.where('archived_at', 'is', null))
    .orderBy(activeFirst)
    .orderBy('position')
    .orderBy('id')
    .execute();
  // the config was validated before it was stored
  return rows.map((r) => ({
    id: r.id,
    config: JSON.parse(r.config) as MonitorConfig,
    managedBy: r.managed_by,
    createdAt: r.created_at,
    archivedAt: r.archived_at,
  }));
}

/** Components in config order (then by id), without archived ones unless asked (then last). */
export async function listComponents(
  ctx: StoreContext,
  opts: { includeArchived?: boolean } = {},
): Promise<StoredComponent[]> {
  const rows = await ctx.db
    .selectFrom('components')
    .select(['id', 'config', 'position', 'managed_by', 'created_at', 'archived_at'])
    .$if(!opts.includeArchived, (qb) => qb.where('archived_at', 'is', null))
    .orderBy(activeFirst)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    config: JSON.parse(r.config) as ComponentConfig,
    position: r.position,
    managedBy: r.managed_by,
    createdAt: r.created_at,
    archivedAt: r.archived_at,
  }));
}
