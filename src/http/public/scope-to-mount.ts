import type { SitePublicConfig } from '../../config/public-options-schema.ts';
import { autoIncidentImpact } from '../../domain/auto-incident-impact.ts';
import { withoutLastError } from '../../domain/auto-incident-text.ts';
import type { Incident } from '../../domain/incident.ts';
import { incidentSeenBy, maintenanceSeenBy } from '../../domain/scope-to-components.ts';
import type { PageMount } from './page-mounts.ts';
import { resolvePagePublicOptions, type PagePublicOptions } from './page-public-options.ts';
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
 * Likewise for errors: unless the page opts in (`public.hide_errors: false`), no monitor's raw error is in it, nor
 * the "Last error" automatic incidents carried before; and an automatic incident's impact is judged again by the
 * page's own scope and rule (autoIncidentImpact).
 */
export function scopeToMount(
  data: PublicData,
  mount: PageMount,
  site: { description?: string; subscribe?: boolean; public?: SitePublicConfig },
): StatusModel {
  const options = resolvePagePublicOptions(site.public, mount.page?.public);
  const byId = new Map(data.components.map((c) => [c.id, c]));
  const components = mount.componentIds.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
  const shown = new Map(components.map((c) => [c.id, c.name]));
  const incidents = data.incidents.flatMap((i) => {
    const seen = incidentSeenBy(i, shown);
    return seen ? [forPage(seen, components.length, options)] : [];
  });
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
    ...(options.showErrors && { showErrors: true }),
    severity: options.severity,
    ...(mount.languages && { locale: mount.languages.default, languages: mount.languages }),
  };
  return {
    page,
    updatedAt: Math.max(0, ...components.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt)) || data.builtAt,
    components,
    incidents,
    maintenances: data.maintenances.flatMap((w) => maintenanceSeenBy(w, shown) ?? []),
    monitors: data.monitors.flatMap((m) =>
      !monitorIds.has(m.id) ? [] : options.showErrors || m.lastError === null ? [m] : [{ ...m, lastError: null }],
    ),
    history,
    builtAt: data.builtAt,
  };
}

/** An automatic incident with the page's impact and, unless the page shows errors, no "Last error" in its words. */
function forPage(incident: Incident, componentCount: number, options: PagePublicOptions): Incident {
  if (incident.source !== 'auto') return incident;
  const impact = autoIncidentImpact(incident, componentCount, options.severity);
  const strip = !options.showErrors && incident.updates.some((u) => withoutLastError(u.body) !== u.body);
  if (impact === incident.impact && !strip) return incident;
  return {
    ...incident,
    impact,
    updates: strip ? incident.updates.map((u) => ({ ...u, body: withoutLastError(u.body) })) : incident.updates,
  };
}
