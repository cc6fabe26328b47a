import { defaultRenderers } from '../http/public/default-renderers.ts';
import type { PublicSnapshot } from '../http/public/public-snapshot.ts';
import { staticAssets } from '../http/public/public-routes.ts';
import type { StaticFile } from './static-file.ts';
import { renderStaticSite } from './static-site.ts';

/** A function rendering the site from the snapshot as it is when called (the assets are rendered once). */
export function snapshotSite(snapshot: PublicSnapshot, historyMonths: number): () => StaticFile[] {
  const assets = staticAssets(defaultRenderers);
  return () => {
    // an empty site would delete the copy: the very thing that must outlive an outage
    if (snapshot.pages.size === 0) throw new Error('the public snapshot has not been built yet');
    return renderStaticSite({ mounts: snapshot.mounts, pages: snapshot.pages, assets }, { historyMonths });
  };
}
