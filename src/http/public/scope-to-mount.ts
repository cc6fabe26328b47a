import { incidentSeenBy, maintenanceSeenBy } from '../../domain/scope-to-components.ts';
import type { PageMount } from './page-mounts.ts';
import type { PublicData } from './public-data.ts';
import { stableId } from './statuspage/stable-id.ts';
import type { ModelPage, StatusModel } from './status-model.ts';

const DEFAULT_COLORS = {
  brand: '#0969da',
  operational: '#1a7f37',
  degraded: '#9a6700',
  partial: '#bc4c00',
  major: '#cf222e',
  maintenance: '#0969da',
};

/**
 * One page's model: its components (in its order), the incidents and maintenance that touch them, their history.
 * Nothing in it names a component the page does not show (a private page's, one on no page, one deleted): incidents
 * and maintenance are cut down to the page's components (src/domain/scope-to-components.ts), so that every
 * renderer of the model (JSON, HTML, feeds, badges, widget, stream) is safe without filtering on its own.
 */
export function scopeToMount(
  data: PublicData,
  mount: PageMount,
  site: { description?: string; subscribe?: boolean },
): StatusModel {
  const byId = new Map(data.components.map((c) => [c.id, c]));
  const components = mount.componentIds.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
  const shown = new Map(components.map((c) => [c.id, c.name]));
  const incidents = data.incidents.flatMap((i) => incidentSeenBy(i, shown) ?? []);
  const monitorIds = new Set(components.flatMap((c) => c.monitorIds));
  const history = new Map([...data.history].filter(([id]) => shown.has(id)));
  const page: ModelPage = {
    id: stableId('page', mount.url),
    slug: mount.slug,
    name: mount.title,
    url: mount.url,
    basePath: mount.basePath,
    description: mount.page?.description ?? site.description ?? null,
    logo: mount.page?.logo ?? null,
    favicon: mount.page?.favicon ?? null,
    colors: mount.page?.colors ?? DEFAULT_COLORS,
    customCss: mount.page?.custom_css ?? null,
    footer: mount.page?.footer.map((f) => ({ label: f.label, url: f.url })) ?? [],
    // a private page's form too: its sign-ups are checked against the page's access (src/http/public/subscribe)
    ...(site.subscribe && { subscribe: true }),
  };
  return {
    page,
    updatedAt: Math.max(0, ...components.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt)) || data.builtAt,
    components,
    incidents,
    maintenances: data.maintenances.flatMap((w) => maintenanceSeenBy(w, shown) ?? []),
    monitors: data.monitors.filter((m) => monitorIds.has(m.id)),
    history,
    builtAt: data.builtAt,
  };
}
