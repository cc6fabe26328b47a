import { MANIFEST_PATH } from './manifest.ts';
import type { StaticFile } from './static-file.ts';

export interface PublishPlan {
  /** new or changed files, the manifest last (a mirror reading it finds every file it lists) */
  upload: StaticFile[];
  /** paths the target holds that the site no longer has, deleted after the uploads */
  remove: string[];
}

/** What to write so that a target holding `current` (path → SHA-256, undefined when unknown) holds `files`. */
export function planPublish(
  current: ReadonlyMap<string, string | undefined>,
  files: readonly StaticFile[],
): PublishPlan {
  const wanted = new Set(files.map((f) => f.path));
  const changed = files.filter((f) => current.get(f.path) !== f.sha256 || !current.has(f.path));
  const upload = [
    ...changed.filter((f) => f.path !== MANIFEST_PATH),
    ...changed.filter((f) => f.path === MANIFEST_PATH),
  ];
  const remove = [...current.keys()].filter((p) => !wanted.has(p)).sort();
  return { upload, remove };
}

/**
 * The viewer paths a CDN caches a changed file under: the file, and for an `index.html` its folder with and without
 * the trailing slash. Beyond `max` paths one wildcard is cheaper (CloudFront bills per path, a wildcard counts once).
 */
export function invalidationPaths(paths: readonly string[], max = 30): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    out.add(`/${p}`);
    if (p === 'index.html') out.add('/');
    else if (p.endsWith('/index.html')) {
      const dir = `/${p.slice(0, -'/index.html'.length)}`;
      out.add(dir);
      out.add(`${dir}/`);
    }
  }
  return out.size > max ? ['/*'] : [...out].sort();
}
