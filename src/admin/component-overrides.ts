import type { ComponentStatus } from '../domain/statuses.ts';
import type { ComponentOverride } from '../store/admin-store.ts';
import { requirePermission } from './actor.ts';
import { notFound } from './admin-error.ts';
import { audit } from './audit.ts';
import type { ServiceContext } from './service-context.ts';

/**
 * A person says what a component's status is, whatever its monitors find (config-managed components too: the
 * manual status is operational state, not configuration). It holds until cleared.
 */
export async function setComponentStatus(
  ctx: ServiceContext,
  componentId: string,
  input: { status: ComponentStatus; note?: string },
): Promise<ComponentOverride> {
  requirePermission(ctx.actor, 'operate');
  const now = ctx.now();
  const override: ComponentOverride = {
    componentId,
    status: input.status,
    note: input.note ?? null,
    setAt: now,
    setBy: ctx.actor.label,
  };
  await ctx.store.admin.transaction(async (tx) => {
    if (!(await tx.getCatalog('component', componentId))) throw notFound('component', componentId);
    const before = (await tx.listComponentOverrides()).find((o) => o.componentId === componentId) ?? null;
    await tx.setComponentOverride(override);
    await audit(tx, ctx.actor, now, 'component.status.set', { type: 'component', id: componentId }, before, override);
  });
  await ctx.runtime.catalogChanged();
  return override;
}

export async function clearComponentStatus(ctx: ServiceContext, componentId: string): Promise<void> {
  requirePermission(ctx.actor, 'operate');
  const now = ctx.now();
  await ctx.store.admin.transaction(async (tx) => {
    const before = (await tx.listComponentOverrides()).find((o) => o.componentId === componentId);
    if (!before) throw notFound('manual status for component', componentId);
    await tx.clearComponentOverride(componentId);
    await audit(tx, ctx.actor, now, 'component.status.clear', { type: 'component', id: componentId }, before, null);
  });
  await ctx.runtime.catalogChanged();
}

export async function listComponentStatuses(ctx: ServiceContext): Promise<ComponentOverride[]> {
  requirePermission(ctx.actor, 'read');
  return ctx.store.admin.listComponentOverrides();
}
