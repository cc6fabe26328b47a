import { requirePermission } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { newId } from '../../domain/ids.ts';
import type { ImportPlan } from '../import-plan.ts';

/**
 * Write the source's subscribers with the consent it recorded (confirmed or pending), subscribed through the page at
 * `/`. No confirmation mail is sent: those who confirmed there are not asked again. One already subscribed (same
 * kind and address) is left alone. Audited as `subscriber.import` without the address.
 */
export async function writeSubscribers(ctx: ServiceContext, plan: ImportPlan): Promise<void> {
  if (plan.subscribers.length === 0) return;
  requirePermission(ctx.actor, 'configure');
  const existing = new Set((await ctx.store.admin.listSubscribers()).map((s) => `${s.kind} ${s.target.toLowerCase()}`));
  const components = new Set((await ctx.store.admin.listCatalog('component')).map((c) => c.id));
  for (const p of plan.subscribers) {
    const s = p.value;
    const key = `${s.kind} ${s.target.toLowerCase()}`;
    if (existing.has(key)) {
      plan.report.info(p.line, 'already subscribed: unchanged');
      continue;
    }
    const componentIds = s.componentIds.filter((c) => components.has(c));
    if (componentIds.length < s.componentIds.length)
      plan.report.approximate(p.line, 'some of its components are not in the store');
    const id = newId();
    const now = ctx.now();
    await ctx.store.admin.transaction(async (tx) => {
      await tx.createSubscriber({
        id,
        kind: s.kind,
        target: s.kind === 'email' ? s.target.toLowerCase() : s.target,
        componentIds,
        confirmedAt: s.confirmedAt,
        createdAt: s.createdAt,
        pageSlug: '',
        pageAccess: null,
      });
      await audit(tx, ctx.actor, now, 'subscriber.import', { type: 'subscriber', id }, null, {
        kind: s.kind,
        confirmed: s.confirmedAt !== null,
      });
    });
    existing.add(key);
    plan.report.info(p.line, 'created');
  }
}
