import type { PageConfig } from '../../config/page-schema.ts';
import { pageComponentIds } from '../../http/public/page-mounts.ts';
import type { SubscriberRecord } from '../../store/admin-store.ts';
import type { SubscriberRoute } from './channel-rules.ts';

/** Confirmed subscribers with the components their page shows, from the catalog's pages and components. */
export function subscriberRoutes(
  subscribers: readonly SubscriberRecord[],
  pages: readonly PageConfig[],
  components: readonly { id: string; group?: string | null }[],
): SubscriberRoute[] {
  const source = { pages, components };
  const bySlug = new Map<string, string[] | null>();
  const shownBy = (slug: string) => {
    if (!bySlug.has(slug)) bySlug.set(slug, pageComponentIds(source, slug) ?? null);
    return bySlug.get(slug)!;
  };
  return subscribers
    .filter((s) => s.confirmedAt !== null)
    .map((s) => ({ id: s.id, componentIds: s.componentIds, pageComponentIds: shownBy(s.pageSlug) }));
}
