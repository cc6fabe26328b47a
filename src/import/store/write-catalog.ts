import { AdminError } from '../../admin/admin-error.ts';
import { createCatalogItem, parseConfig, replaceCatalogItem } from '../../admin/catalog/catalog-service.ts';
import { componentSpec, groupSpec, maintenanceSpec, monitorSpec, pageSpec } from '../../admin/catalog/catalog-kinds.ts';
import { channelSpec } from '../../admin/catalog/channel-spec.ts';
import type { CatalogSpec } from '../../admin/catalog/catalog-spec.ts';
import type { ServiceContext } from '../../admin/service-context.ts';
import { substituteDeep } from '../check-plan.ts';
import { CATALOG_PLAN_KINDS, type CatalogPlanKind, type ImportPlan, type Planned } from '../import-plan.ts';

const SPECS = {
  groups: groupSpec,
  monitors: monitorSpec,
  components: componentSpec,
  pages: pageSpec,
  maintenances: maintenanceSpec,
  channels: channelSpec,
} satisfies Record<CatalogPlanKind, unknown>;

/**
 * Write the plan's catalog objects through the admin services, kinds in dependency order: a new object is created,
 * one an earlier import made and that differs is replaced, one that is the same is left alone (so a second run
 * creates nothing); objects the config file manages are never touched. `${ENV}` is substituted first, as at load.
 */
export async function writeCatalog(ctx: ServiceContext, plan: ImportPlan, env: NodeJS.ProcessEnv): Promise<void> {
  for (const kind of CATALOG_PLAN_KINDS) {
    const spec = SPECS[kind] as unknown as CatalogSpec<object>;
    const kept: Planned[] = [];
    for (const p of plan[kind]) if (await writeOne(ctx, plan, spec, p, env)) kept.push(p);
    plan[kind] = kept;
  }
}

async function writeOne(
  ctx: ServiceContext,
  plan: ImportPlan,
  spec: CatalogSpec<object>,
  p: Planned,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  const missing = new Set<string>();
  const value = substituteDeep(p.value, env, missing);
  if (missing.size) {
    plan.report.drop(
      p.line,
      `needs ${[...missing].map((m) => `\${${m}}`).join(', ')} set to be written into the store`,
    );
    return false;
  }
  try {
    const config = parseConfig(spec, value);
    const id = spec.idOf(config);
    if (spec.kind === 'group') {
      const name = (config as { name: string }).name;
      const same = (await ctx.store.admin.listCatalog('group')).find(
        (g) => (g.config as { name: string }).name === name,
      );
      if (same) {
        plan.report.info(
          p.line,
          same.id === id ? 'already in the store: unchanged' : `the store's group "${same.id}" has this name: used`,
        );
        return true;
      }
    }
    const existing = await ctx.store.admin.getCatalog(spec.kind, id);
    if (!existing) {
      await createCatalogItem(ctx, spec, config);
      plan.report.info(p.line, 'created');
    } else if (existing.managedBy === 'config') {
      plan.report.info(p.line, 'already in the config file: left as it is');
    } else if (JSON.stringify(existing.config) === JSON.stringify(config)) {
      plan.report.info(p.line, 'already in the store: unchanged');
    } else {
      await replaceCatalogItem(ctx, spec, id, config);
      plan.report.info(p.line, 'replaced the one an earlier import wrote');
    }
    return true;
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    plan.report.drop(p.line, `the store refused it: ${err.message}`);
    return false;
  }
}
