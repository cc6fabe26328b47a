import type { z } from 'zod';
import { channelSchema } from '../notify/channel-schema.ts';
import { groupSchema } from '../config/group-schema.ts';
import { monitorSchema } from '../config/monitor-schema.ts';
import { pageSchema } from '../config/page-schema.ts';
import { componentSchema, maintenanceSchema } from '../config/schema.ts';
import { substituteEnv } from '../config/env-substitution.ts';
import type { CatalogPlanKind, ImportPlan, Planned } from './import-plan.ts';

const SCHEMAS = {
  groups: groupSchema,
  monitors: monitorSchema,
  components: componentSchema,
  pages: pageSchema,
  maintenances: maintenanceSchema,
  channels: channelSchema,
} satisfies Record<CatalogPlanKind, z.ZodType>;

/** Every string of a value with ${ENV} substituted, and the variables that were not set. */
export function substituteDeep(value: unknown, env: NodeJS.ProcessEnv, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const out = substituteEnv(value, env);
    out.missing.forEach((m) => missing.add(m));
    return out.value;
  }
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, env, missing));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, env, missing)]));
  return value;
}

/**
 * Check each planned object against the schema Pharos loads it with (after ${ENV} substitution, as the config loader
 * does): one that fails is left out with the schema's words; references to objects left out are removed (and said).
 * An object that refers to a variable not set here is kept: it can only be checked where that variable is set.
 */
export function checkPlan(plan: ImportPlan, env: NodeJS.ProcessEnv): void {
  for (const kind of Object.keys(SCHEMAS) as CatalogPlanKind[]) {
    plan[kind] = plan[kind].filter((p) => keepValid(plan, p, SCHEMAS[kind], env));
    if (kind === 'monitors') pruneReferences(plan, 'components', 'monitors', ids(plan.monitors), 'monitor');
    if (kind === 'components') {
      const known = ids(plan.components);
      pruneReferences(plan, 'pages', 'components', known, 'component');
      pruneReferences(plan, 'maintenances', 'components', known, 'component');
      pruneReferences(plan, 'channels', 'components', known, 'component');
      pruneReferences(plan, 'channels', 'monitors', ids(plan.monitors), 'monitor');
      const groupNames = new Set(plan.groups.map((g) => g.value.name as string));
      for (const c of plan.components)
        if (typeof c.value.group === 'string' && !groupNames.has(c.value.group)) {
          plan.report.approximate(c.line, `shown outside a group: group "${c.value.group}" was left out`);
          delete c.value.group;
        }
    }
  }
  plan.maintenances = plan.maintenances.filter((m) => {
    if ((m.value.components as string[]).length > 0) return true;
    plan.report.drop(m.line, 'none of its components was imported');
    return false;
  });
}

function keepValid(plan: ImportPlan, p: Planned, schema: z.ZodType, env: NodeJS.ProcessEnv): boolean {
  const missing = new Set<string>();
  const parsed = schema.safeParse(substituteDeep(p.value, env, missing));
  if (missing.size > 0) {
    const names = [...missing].map((m) => `\${${m}}`).join(', ');
    plan.report.approximate(p.line, `refers to ${names}, not set here: checked only where Pharos runs with it`);
    return true;
  }
  if (parsed.success) return true;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(object)'}: ${i.message}`).join('; ');
  plan.report.drop(p.line, `Pharos refuses it (${issues})`);
  return false;
}

const ids = (list: Planned[]) => new Set(list.map((p) => String(p.value.id)));

function pruneReferences(
  plan: ImportPlan,
  kind: CatalogPlanKind,
  field: string,
  known: Set<string>,
  noun: string,
): void {
  for (const p of plan[kind]) {
    const list = p.value[field];
    if (!Array.isArray(list)) continue;
    const gone = list.filter((id) => !known.has(id as string));
    if (gone.length === 0) continue;
    p.value[field] = list.filter((id) => known.has(id as string));
    plan.report.approximate(p.line, `without ${noun}(s) ${gone.join(', ')} (left out)`);
  }
}
