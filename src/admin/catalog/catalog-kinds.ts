import { checkFor } from '../../checks/registry.ts';
import { componentSchema, type ComponentConfig } from '../../config/schema.ts';
import { groupSchema, type GroupConfig } from '../../config/group-schema.ts';
import { maintenanceSchema, type MaintenanceConfig } from '../../config/schema.ts';
import { monitorSchema, type MonitorConfig } from '../../config/monitor-schema.ts';
import { pageSchema, type PageConfig } from '../../config/page-schema.ts';
import { EgressDeniedError } from '../../egress/egress-denied-error.ts';
import { assertMonitorTargetsAllowed } from '../../egress/monitor-target-hosts.ts';
import { nextOccurrence } from '../../domain/maintenance/maintenance-schedule.ts';
import { AdminError } from '../admin-error.ts';
import { redactSecrets } from '../redact.ts';
import { queueMaintenanceScheduled } from '../queue-notifications.ts';
import type { CatalogSpec, CatalogView } from './catalog-spec.ts';
import { monitorSecretTarget } from './monitor-secret-target.ts';

const ids = async (view: CatalogView, kind: Parameters<CatalogView['list']>[0]) =>
  new Set((await view.list(kind)).map((o) => o.id));

function missing(
  list: readonly string[] | undefined,
  known: Set<string>,
  path: string,
  noun: string,
): [string, string][] {
  return (list ?? []).flatMap((id, i): [string, string][] =>
    known.has(id) ? [] : [[`${path}.${i}`, `no ${noun} with id "${id}"`]],
  );
}

export const monitorSpec: CatalogSpec<MonitorConfig> = {
  kind: 'monitor',
  noun: 'monitor',
  schema: monitorSchema,
  idOf: (m) => m.id,
  secretTarget: monitorSecretTarget,
  async precheck(m, ctx) {
    try {
      await assertMonitorTargetsAllowed(ctx.egress.guardFor('api'), m);
    } catch (err) {
      if (!(err instanceof EgressDeniedError)) throw err;
      const field = checkFor(m).target()?.field ?? 'type';
      throw new AdminError('egress_denied', `body.${field}: ${err.message}`, {
        issues: [{ path: `body.${field}`, message: err.message }],
      });
    }
  },
  async checkReferences(m, view) {
    if (m.type !== 'push') return [];
    const clash = (await view.list('monitor')).some(
      (o) =>
        o.id !== m.id &&
        (o.config as MonitorConfig).type === 'push' &&
        (o.config as { token: string }).token === m.token,
    );
    return clash ? [['token', 'push token already used by another monitor']] : [];
  },
  async blockDelete(id, view) {
    const users = (await view.list('component'))
      .filter((c) => (c.config as ComponentConfig).monitors.includes(id))
      .map((c) => c.id);
    return users.length
      ? `monitor "${id}" belongs to component(s) ${users.join(', ')}; take it out of them first`
      : null;
  },
};

export const componentSpec: CatalogSpec<ComponentConfig> = {
  kind: 'component',
  noun: 'component',
  schema: componentSchema,
  idOf: (c) => c.id,
  async checkReferences(c, view) {
    const problems = missing(c.monitors, await ids(view, 'monitor'), 'monitors', 'monitor');
    if (c.group !== undefined) {
      const names = new Set((await view.list('group')).map((g) => (g.config as GroupConfig).name));
      if (!names.has(c.group)) problems.push(['group', `no component group named "${c.group}" (create it first)`]);
    }
    return problems;
  },
  async blockDelete(id, view) {
    const pages = (await view.list('page'))
      .filter((p) => (p.config as PageConfig).components?.includes(id))
      .map((p) => `page ${p.id}`);
    const maints = (await view.list('maintenance'))
      .filter((m) => (m.config as MaintenanceConfig).components.includes(id))
      .map((m) => `maintenance ${m.id}`);
    const users = [...pages, ...maints];
    return users.length ? `component "${id}" is used by ${users.join(', ')}; remove it there first` : null;
  },
};

export const groupSpec: CatalogSpec<GroupConfig> = {
  kind: 'group',
  noun: 'component group',
  schema: groupSchema,
  idOf: (g) => g.id,
  async checkReferences(g, view) {
    const groups = await view.list('group');
    const clash = groups.some((o) => o.id !== g.id && (o.config as GroupConfig).name === g.name);
    if (clash) return [['name', `another group is already named "${g.name}"`]];
    // components name their group: a renamed group would leave them pointing at nothing
    const old = groups.find((o) => o.id === g.id)?.config as GroupConfig | undefined;
    if (!old || old.name === g.name) return [];
    const members = (await view.list('component'))
      .filter((c) => (c.config as ComponentConfig).group === old.name)
      .map((c) => c.id);
    return members.length
      ? [['name', `component(s) ${members.join(', ')} name this group "${old.name}"; move them out first`]]
      : [];
  },
  async blockDelete(id, view) {
    const group = (await view.list('group')).find((g) => g.id === id)?.config as GroupConfig | undefined;
    const users = (await view.list('component'))
      .filter((c) => group && (c.config as ComponentConfig).group === group.name)
      .map((c) => c.id);
    return users.length ? `component group "${id}" still holds component(s) ${users.join(', ')}` : null;
  },
};

export const pageSpec: CatalogSpec<PageConfig> = {
  kind: 'page',
  noun: 'page',
  schema: pageSchema,
  idOf: (p) => p.slug,
  // pages from the config file are stored with their slug as `id` too; the page's own shape has only the slug
  redact: (config) => {
    const { id: _id, ...rest } = config as PageConfig & { id?: string };
    return redactSecrets(rest);
  },
  async checkReferences(p, view) {
    const problems = missing(p.components, await ids(view, 'component'), 'components', 'component');
    const groupNames = new Set((await view.list('group')).map((g) => (g.config as GroupConfig).name));
    (p.groups ?? []).forEach((g, i) => {
      if (!groupNames.has(g)) problems.push([`groups.${i}`, `no component group named "${g}"`]);
    });
    const others = (await view.list('page')).filter((o) => o.id !== p.slug).map((o) => o.config as PageConfig);
    p.domains.forEach((d, i) => {
      const owner = others.find((o) => o.domains.includes(d));
      if (owner) problems.push([`domains.${i}`, `domain "${d}" already belongs to page ${owner.slug}`]);
    });
    if (p.default && others.some((o) => o.default)) problems.push(['default', 'another page is already the default']);
    return problems;
  },
  blockDelete: async () => null,
};

export const maintenanceSpec: CatalogSpec<MaintenanceConfig> = {
  kind: 'maintenance',
  noun: 'maintenance',
  schema: maintenanceSchema,
  idOf: (m) => m.id,
  async checkReferences(m, view) {
    return missing(m.components, await ids(view, 'component'), 'components', 'component');
  },
  async onCreate(m, tx, ctx, now) {
    const next = nextOccurrence(m, now);
    if (next && next.start > now) await queueMaintenanceScheduled(ctx, tx, next, now);
  },
  blockDelete: async () => null,
};
