import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The status page's stylesheet and script, read once at import. Pages link them by content hash, so that the
 * routes can serve them with `cache-control: public, max-age=31536000, immutable`.
 */
export interface WebAsset {
  /** the file's text */
  body: string;
  /** first 12 hex digits of its sha256 */
  hash: string;
  /** where pages link it: /assets/pharos.<hash>.css */
  path: string;
  contentType: string;
}

function load(file: string, ext: 'css' | 'js', contentType: string): WebAsset {
  const body = readFileSync(new URL(file, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, hash, path: `/assets/pharos.${hash}.${ext}`, contentType };
}

export const pharosCss: WebAsset = load('./pharos.css', 'css', 'text/css; charset=utf-8');
export const pharosJs: WebAsset = load('./pharos.js', 'js', 'text/javascript; charset=utf-8');

/** { css, js } and their hashes, as the asset routes need them. */
export const webAssets = {
  css: pharosCss.body,
  js: pharosJs.body,
  cssHash: pharosCss.hash,
  jsHash: pharosJs.hash,
} as const;

/** The asset a request path names (only the current hashes match), for the `/assets/:file` route. */
export function webAssetByPath(path: string): WebAsset | undefined {
  return [pharosCss, pharosJs].find((a) => a.path === path);
}
