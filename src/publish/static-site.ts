import { createHash } from 'node:crypto';
import { IMMUTABLE_CACHE_CONTROL, PAGE_CACHE_CONTROL } from '../http/public/cache-control.ts';
import type { PageMount, PageMounts } from '../http/public/page-mounts.ts';
import type { PageSnapshot } from '../http/public/page-snapshot.ts';
import type { RenderedAsset } from '../http/public/rendered-asset.ts';
import { renderManifest } from './manifest.ts';
import { staticFile, type StaticFile } from './static-file.ts';

export interface StaticSiteSource {
  mounts: PageMounts;
  /** the snapshot's pages by mount key */
  pages: ReadonlyMap<string, PageSnapshot>;
  /** hash-named assets by file name (CSS, browser script) */
  assets: ReadonlyMap<string, RenderedAsset>;
}

export interface StaticSiteOptions {
  /** history months written besides the current one */
  historyMonths: number;
}

/**
 * The public side as files, rendered by the same renderers as the live pages (the snapshot's bytes). Paths mirror the
 * live URLs; a URL that names a folder (`/`, `/status`, `/incidents/<id>`, `/history`) is its `index.html`, and a history
 * month (`/history?month=YYYY-MM` live) is `history/YYYY-MM/index.html`. Private pages are left out entirely, and so
 * are pages reached only on their own domain (their `/<slug>` copy is written). The live stream has no static form: the
 * browser script falls back to reloading the page.
 */
export function renderStaticSite(source: StaticSiteSource, opts: StaticSiteOptions): StaticFile[] {
  const files: StaticFile[] = [];
  for (const [name, asset] of source.assets)
    files.push(staticFile(`assets/${name}`, asset.body, asset.contentType, IMMUTABLE_CACHE_CONTROL));
  for (const mount of publicMounts(source.mounts)) {
    const page = source.pages.get(mount.key);
    if (page) files.push(...pageFiles(page, mount.basePath.replace(/^\//, ''), opts));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  files.push(renderManifest(files));
  return files;
}

/** The root page and every /<slug> page that is public; never a private one. */
function publicMounts(mounts: PageMounts): PageMount[] {
  return mounts.all.filter((m) => !m.access && (m === mounts.root || m.basePath !== ''));
}

function pageFiles(page: PageSnapshot, dir: string, opts: StaticSiteOptions): StaticFile[] {
  const at = (path: string) => (dir ? `${dir}/${path}` : path);
  const out: StaticFile[] = [];
  const add = (path: string, asset: RenderedAsset | undefined) => {
    if (!asset) return;
    const body = asset.contentType.startsWith('text/html') ? ownEtag(asset.body, page.token) : asset.body;
    out.push(staticFile(at(path), body, asset.contentType, PAGE_CACHE_CONTROL));
  };
  add('index.html', page.html);
  for (const [endpoint, asset] of page.json) add(`api/v2/${endpoint}`, asset);
  add('history.rss', page.feed('rss'));
  add('history.atom', page.feed('atom'));
  add('widget.js', page.widget('script'));
  add('widget/index.html', page.widget('frame'));
  const months = monthsBack(page.model.builtAt, opts.historyMonths);
  add('history/index.html', page.historyPage(months[0]!));
  for (const month of months) add(`history/${month}/index.html`, page.historyPage(month));
  for (const incident of page.model.incidents)
    add(`incidents/${incident.id}/index.html`, page.incidentPage(incident.id));
  for (const w of page.model.maintenances) add(`maintenance/${w.id}/index.html`, page.maintenancePage(w.id));
  for (const c of page.model.components)
    for (const kind of ['status', 'uptime', 'response-time'])
      add(`badge/${c.id}/${kind}.svg`, page.badge(c.id, kind, undefined));
  return out;
}

/**
 * Live, every page of a snapshot carries the snapshot's token (what the stream compares); in a static file it would
 * make every page change with any change. Each file carries the hash of its own content instead: the browser script
 * reloading a static page then swaps it exactly when that page changed.
 */
function ownEtag(html: Buffer, token: string): Buffer {
  const parts = html.toString('utf8').split(token);
  if (parts.length === 1) return html;
  const own = createHash('sha1').update(parts.join('')).digest('base64url').slice(0, 22);
  return Buffer.from(parts.join(own));
}

/** YYYY-MM of the month of `at` (UTC) and the `count` before it, newest first. */
export function monthsBack(at: number, count: number): string[] {
  const d = new Date(at);
  const months: string[] = [];
  for (let i = 0; i <= count; i++) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    months.push(m.toISOString().slice(0, 7));
  }
  return months;
}
