import { z } from 'zod';
import type { ComponentConfig } from '../../config/schema.ts';
import type { GroupConfig } from '../../config/group-schema.ts';
import type { AdminStore, CatalogKind, CatalogObject } from '../../store/admin-store.ts';
import { requirePermission } from '../actor.ts';
import { AdminError, type FieldIssue } from '../admin-error.ts';
import { audit } from '../audit.ts';
import type { ServiceContext } from '../service-context.ts';
import { componentsInGroupOrder } from './group-block-order.ts';

export const catalogOrderSchema = z
  .object({
    /** API-managed ids in their new order; those left out follow in their current order */
    ids: z.array(z.string().min(1).max(200)).max(10_000),
  })
  .strict();
export type CatalogOrderInput = z.infer<typeof catalogOrderSchema>;

/** The kind's ids in display order: the config file's objects first (their place is set there), then the API's. */
export interface CatalogOrder {
  ids: string[];
}

function checkIds(ids: readonly string[], all: readonly CatalogObject[], noun: string): void {
  const byId = new Map(all.map((o) => [o.id, o]));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    const path = `body.ids.${i}`;
    const found = byId.get(id);
    if (!found) issues.push({ path, message: `no ${noun} with id "${id}"` });
    else if (found.managedBy === 'config')
      issues.push({ path, message: `"${id}" is defined in the config file, which sets its place` });
    else if (seen.has(id)) issues.push({ path, message: `"${id}" is listed twice` });
    seen.add(id);
  });
  if (issues.length)
    throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/** Writes the API objects' positions after the config's, in `order`; only rows whose place changes are written. */
async function placeApiObjects(tx: AdminStore, kind: CatalogKind, all: CatalogObject[], order: string[], now: number) {
  const byId = new Map(all.map((o) => [o.id, o]));
  const base = all.filter((o) => o.managedBy === 'config').reduce((max, o) => Math.max(max, o.position + 1), 0);
  for (const [i, id] of order.entries()) {
    const o = byId.get(id)!;
    if (o.position !== base + i)
      await tx.putCatalog(kind, { id, config: o.config, managedBy: 'api', position: base + i }, now);
  }
}

function apiOrder(all: readonly CatalogObject[], first: readonly string[]): string[] {
  const listed = new Set(first);
  return [...first, ...all.filter((o) => o.managedBy === 'api' && !listed.has(o.id)).map((o) => o.id)];
}

const displayOrder = (all: readonly CatalogObject[], api: readonly string[]): string[] => [
  ...all.filter((o) => o.managedBy === 'config').map((o) => o.id),
  ...api,
];

async function reorder(
  ctx: ServiceContext,
  kind: 'component' | 'group',
  noun: string,
  ids: readonly string[],
  alsoInTx?: (tx: AdminStore, groupOrder: string[], now: number) => Promise<void>,
): Promise<CatalogOrder> {
  requirePermission(ctx.actor, 'configure');
  const now = ctx.now();
  const after = await ctx.store.admin.transaction(async (tx) => {
    const all = await tx.listCatalog(kind);
    checkIds(ids, all, noun);
    const api = apiOrder(all, ids);
    await placeApiObjects(tx, kind, all, api, now);
    const order = displayOrder(all, api);
    await alsoInTx?.(tx, order, now);
    const before = all.map((o) => o.id);
    if (before.join('\n') !== order.join('\n'))
      await audit(tx, ctx.actor, now, `${kind}.reorder`, { type: kind, id: null }, { order: before }, { order });
    return order;
  });
  await ctx.runtime.catalogChanged();
  return { ids: after };
}

/** Components in a new order (the order of pages that list none, and within each group). */
export function orderComponents(ctx: ServiceContext, input: CatalogOrderInput): Promise<CatalogOrder> {
  return reorder(ctx, 'component', 'component', input.ids);
}

/**
 * Groups in a new order. A group is shown where its first component is, so the API's components move with their
 * groups in the same transaction (componentsInGroupOrder); the config file's components keep their places.
 */
export function orderGroups(ctx: ServiceContext, input: CatalogOrderInput): Promise<CatalogOrder> {
  return reorder(ctx, 'group', 'component group', input.ids, async (tx, groupIds, now) => {
    const groups = (await tx.listCatalog('group')).map((g) => ({ id: g.id, name: (g.config as GroupConfig).name }));
    const names = groupIds.map((id) => groups.find((g) => g.id === id)?.name).filter((n) => n !== undefined);
    const components = await tx.listCatalog('component');
    const api = components.filter((c) => c.managedBy === 'api');
    const order = componentsInGroupOrder(
      api.map((c) => ({ id: c.id, group: (c.config as ComponentConfig).group ?? null })),
      names,
    );
    await placeApiObjects(tx, 'component', components, order, now);
  });
}

/** The current display order of a kind. */
export async function catalogOrder(ctx: ServiceContext, kind: 'component' | 'group'): Promise<CatalogOrder> {
  requirePermission(ctx.actor, 'read');
  return { ids: (await ctx.store.admin.listCatalog(kind)).map((o) => o.id) };
}
