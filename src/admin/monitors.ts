import type { MonitorConfig } from '../config/monitor-schema.ts';
import { requirePermission } from './actor.ts';
import { AdminError, notFound } from './admin-error.ts';
import type { RunNowResult } from './admin-runtime.ts';
import { audit } from './audit.ts';
import { parseEdit, writeExisting, type CatalogItem } from './catalog/catalog-service.ts';
import { monitorSpec } from './catalog/catalog-kinds.ts';
import type { ServiceContext } from './service-context.ts';

/** Pause or resume: an API monitor's `enabled` flag (config monitors are paused in the config file). */
export function setMonitorEnabled(
  ctx: ServiceContext,
  id: string,
  enabled: boolean,
): Promise<CatalogItem<MonitorConfig>> {
  requirePermission(ctx.actor, 'configure');
  return writeExisting(ctx, monitorSpec, id, enabled ? 'monitor.resume' : 'monitor.pause', (m) => ({ ...m, enabled }));
}

/** Run a stored monitor's check now; the result is recorded like a scheduled one and returned raw. */
export async function runMonitorNow(ctx: ServiceContext, id: string): Promise<RunNowResult> {
  requirePermission(ctx.actor, 'operate');
  const found = await ctx.store.admin.getCatalog('monitor', id);
  if (!found) throw notFound('monitor', id);
  const result = await ctx.runtime.runMonitorNow(id);
  if (!result)
    throw new AdminError('conflict', `monitor "${id}" is paused, or is a push monitor that only its pushes check`);
  const now = ctx.now();
  await ctx.store.admin.transaction((tx) =>
    audit(tx, ctx.actor, now, 'monitor.run', { type: 'monitor', id }, null, { ok: result.ok, error: result.error }),
  );
  return result;
}

/**
 * The editor's "test now": check an unsaved config once, record nothing. A draft of a stored monitor that says
 * "[redacted]" is tested with the stored secret, under the rule of an edit: only while its target is unchanged.
 */
export async function testMonitorConfig(ctx: ServiceContext, draft: MonitorConfig): Promise<RunNowResult> {
  requirePermission(ctx.actor, 'configure');
  const stored = await ctx.store.admin.getCatalog('monitor', draft.id);
  const config = stored ? parseEdit(monitorSpec, draft, stored.config as MonitorConfig) : draft;
  await monitorSpec.precheck?.(config, ctx);
  const result = await ctx.runtime.testMonitor(config, 'api');
  if (!result)
    throw new AdminError('conflict', 'a push monitor is checked by its pushes; there is nothing to test now');
  return result;
}
