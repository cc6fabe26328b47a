import { checkFor } from '../../checks/registry.ts';
import type { GroupConfig } from '../../config/group-schema.ts';
import type { PageConfig } from '../../config/page-schema.ts';
import type { MaintenanceConfig } from '../../config/schema.ts';
import type { Store, StoredComponent, StoredMonitor } from '../../store/store.ts';
import type { ModelComponent } from './status-model.ts';

/** A component as the catalog defines it; its status comes from the live reads. */
export type CatalogComponent = Omit<ModelComponent, 'status' | 'updatedAt'>;

/** A monitor's public face as its config defines it (name, type, what of its target may be shown). */
export interface CatalogMonitor {
  id: string;
  name: string;
  type: string;
  hideErrors: boolean;
  /** null when hidden, or a secret (push token) */
  target: string | null;
}

/**
 * What the public side needs of the catalog, derived once per catalog load: a snapshot rebuild reads only what
 * changes with checks (statuses, states, incidents), never every monitor's config again (20,000 JSON configs
 * parsed per rebuild starved the event loop).
 */
export interface PublicCatalog {
  components: CatalogComponent[];
  monitors: CatalogMonitor[];
  pages: PageConfig[];
  maintenances: MaintenanceConfig[];
}

/** The parts of the runtime catalog (src/runtime/catalog.ts) this needs, components in display order. */
export interface CatalogSource {
  monitors: readonly StoredMonitor[];
  components: readonly StoredComponent[];
  pages: readonly PageConfig[];
  maintenances: readonly MaintenanceConfig[];
  /** groups by name; a group no component names is not shown */
  groups?: readonly { name: string; collapsed?: boolean }[];
}

export function publicCatalogOf(source: CatalogSource): PublicCatalog {
  const collapsed = new Set((source.groups ?? []).filter((g) => g.collapsed).map((g) => g.name));
  return {
    components: [...source.components]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        id: c.id,
        name: c.config.name,
        description: c.config.description ?? null,
        group: c.config.group ?? null,
        ...(c.config.group !== undefined && collapsed.has(c.config.group) ? { groupCollapsed: true } : {}),
        position: c.position,
        createdAt: c.createdAt,
        monitorIds: [...c.config.monitors],
      })),
    monitors: source.monitors.map((m) => ({
      id: m.config.id,
      name: m.config.name,
      type: m.config.type,
      hideErrors: m.config.public.hide_errors,
      target: m.config.public.hide_url ? null : checkFor(m.config).publicTarget(),
    })),
    pages: [...source.pages],
    maintenances: [...source.maintenances],
  };
}

/** For a process without a loaded catalog of its own: the same, read from the store. */
export async function loadPublicCatalog(store: Store): Promise<PublicCatalog> {
  const [monitors, components, pages, maintenances, groups] = await Promise.all([
    store.listMonitors(),
    store.listComponents(),
    store.admin.listCatalog('page'),
    store.admin.listCatalog('maintenance'),
    store.admin.listCatalog('group'),
  ]);
  return publicCatalogOf({
    monitors,
    components,
    groups: groups.map((g) => g.config as GroupConfig),
    pages: pages.map((p) => p.config as PageConfig),
    maintenances: maintenances.map((m) => m.config as MaintenanceConfig),
  });
}
