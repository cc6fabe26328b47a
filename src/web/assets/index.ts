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

function load(file: string | string[], ext: 'css' | 'js' | 'svg', contentType: string, name = 'pharos'): WebAsset {
  const body = [file]
    .flat()
    .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
    .join('\n');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, hash, path: `/assets/${name}.${hash}.${ext}`, contentType };
}

/** one stylesheet: the page's, then right-to-left and language switcher rules */
export const pharosCss: WebAsset = load(['./pharos.css', './pharos-languages.css'], 'css', 'text/css; charset=utf-8');
/** one file for the browser: the uptime bars' script first (pharos.js uses window.PharosBars) */
export const pharosJs: WebAsset = load(['./pharos-bars.js', './pharos.js'], 'js', 'text/javascript; charset=utf-8');
/** Pharos's icon, for the public pages without a `favicon` of their own and for the admin; also at /favicon.ico. */
export const faviconSvg: WebAsset = load('./favicon.svg', 'svg', 'image/svg+xml', 'favicon');

/** { css, js } and their hashes, as the asset routes need them. */
export const webAssets = {
  css: pharosCss.body,
  js: pharosJs.body,
  cssHash: pharosCss.hash,
  jsHash: pharosJs.hash,
} as const;

/** The asset a request path names (only the current hashes match), for the `/assets/:file` route. */
export function webAssetByPath(path: string): WebAsset | undefined {
  return [pharosCss, pharosJs, faviconSvg].find((a) => a.path === path);
}
