import type { SubscriberPage, SubscriberPages } from '../../../notify/subscribers/subscriber-page.ts';
import type { PageMount, PageMounts } from '../page-mounts.ts';
import type { PublicSnapshot } from '../public-snapshot.ts';

/** Subscriptions' pages as the public snapshot holds them (bytes and models in memory: no query per delivery). */
export function snapshotSubscriberPages(snapshot: PublicSnapshot): SubscriberPages {
  return {
    ready: () => snapshot.pages.size > 0,
    find: (slug) => {
      const mount = subscriptionMount(snapshot.mounts, slug);
      return mount && subscriberPageOf(snapshot, mount);
    },
  };
}

/** A mount's page as a subscription sees it; undefined before the first build. */
export function subscriberPageOf(snapshot: PublicSnapshot, mount: PageMount): SubscriberPage | undefined {
  const page = snapshot.pages.get(mount.key);
  return page && { slug: mount.slug, model: page.model, access: mount.access?.fingerprint ?? null };
}

/**
 * Where a subscription's links point: the page served at / for '' (subscriptions older than pages) and for the
 * default page, else /<slug>. undefined when no page has the slug any more.
 */
function subscriptionMount(mounts: PageMounts, slug: string): PageMount | undefined {
  if (slug === '' || slug === mounts.root.slug) return mounts.root;
  return mounts.bySlug.get(slug);
}
