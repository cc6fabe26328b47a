import { z } from 'zod';
import type { ComponentConfig } from '../../config/schema.ts';
import { requirePermission } from '../actor.ts';
import { AdminError, notFound, type FieldIssue } from '../admin-error.ts';
import { audit } from '../audit.ts';
import type { ServiceContext } from '../service-context.ts';

export const monitorComponentsSchema = z.object({ ids: z.array(z.string().min(1).max(200)).max(10_000) }).strict();
export type MonitorComponentsInput = z.infer<typeof monitorComponentsSchema>;

/**
 * The components a monitor belongs to, set from the monitor's side (the monitor form's picker): in one transaction,
 * each component that gains or loses it is rewritten and audited. A config-file component cannot change here: a 400
 * names it.
 */
export async function setMonitorComponents(
  ctx: ServiceContext,
  monitorId: string,
  input: MonitorComponentsInput,
): Promise<{ ids: string[] }> {
  requirePermission(ctx.actor, 'configure');
  const now = ctx.now();
  const ids = await ctx.store.admin.transaction(async (tx) => {
    if (!(await tx.getCatalog('monitor', monitorId))) throw notFound('monitor', monitorId);
    const components = await tx.listCatalog('component');
    const known = new Set(components.map((c) => c.id));
    const wanted = new Set(input.ids);
    const issues: FieldIssue[] = [];
    input.ids.forEach((id, i) => {
      if (!known.has(id)) issues.push({ path: `body.ids.${i}`, message: `no component with id "${id}"` });
    });
    const changes = components.flatMap((c) => {
      const config = c.config as ComponentConfig;
      const has = config.monitors.includes(monitorId);
      if (has === wanted.has(c.id)) return [];
      if (c.managedBy === 'config') {
        const at = input.ids.indexOf(c.id);
        issues.push({
          path: at === -1 ? 'body.ids' : `body.ids.${at}`,
          message: `component "${c.id}" is defined in the config file: change its monitors there`,
        });
        return [];
      }
      const monitors = has ? config.monitors.filter((m) => m !== monitorId) : [...config.monitors, monitorId];
      return [{ c, before: config, after: { ...config, monitors } }];
    });
    if (issues.length)
      throw new AdminError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    for (const { c, before, after } of changes) {
      await tx.putCatalog('component', { id: c.id, config: after, managedBy: 'api', position: c.position }, now);
      await audit(tx, ctx.actor, now, 'component.update', { type: 'component', id: c.id }, before, after);
    }
    return components.filter((c) => wanted.has(c.id)).map((c) => c.id);
  });
  await ctx.runtime.catalogChanged();
  return { ids };
}
