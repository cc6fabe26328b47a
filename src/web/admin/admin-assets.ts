import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UPTIME_FORMAT_SCRIPT } from '../../domain/uptime/format-uptime.ts';

/**
 * The admin UI's stylesheet and script, read once at import and named by content hash, so that they can be served
 * with `cache-control: public, max-age=31536000, immutable`. The script is one bundle made of small classic scripts
 * (core first, then one per screen), so a page makes one request. The files sit in ./admin-static/ beside this
 * module; scripts/build.mjs copies them to dist/admin-static/ so that the same relative URL works from the bundle.
 */
export interface AdminAsset {
  body: string;
  /** first 12 hex digits of its sha256 */
  hash: string;
  /** where pages link it: /admin/assets/admin.<hash>.css */
  path: string;
  contentType: string;
}

/** In load order: the core defines window.PharosAdmin, the screens register on it, boot runs last. */
export const ADMIN_SCRIPT_FILES = [
  'admin-core.js',
  'admin-forms.js',
  'admin-catalog.js',
  'admin-notices.js',
  'admin-auth.js',
  'admin-dashboard.js',
  'admin-monitor.js',
  'admin-monitor-report.js',
  'admin-incidents.js',
  'admin-incident.js',
  'admin-maintenance.js',
  'admin-components.js',
  'admin-component-editor.js',
  'admin-groups.js',
  'admin-pages.js',
  'admin-notifications.js',
  'admin-deliveries.js',
  'admin-people.js',
  'admin-audit.js',
  'admin-reports.js',
  'admin-boot.js',
] as const;
export const ADMIN_STYLE_FILE = 'admin.css';

const read = (file: string): string => readFileSync(new URL(`./admin-static/${file}`, import.meta.url), 'utf8');

function asset(body: string, ext: 'css' | 'js', contentType: string): AdminAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, hash, path: `/admin/assets/admin.${hash}.${ext}`, contentType };
}

export const adminCss: AdminAsset = asset(read(ADMIN_STYLE_FILE), 'css', 'text/css; charset=utf-8');
export const adminJs: AdminAsset = asset(
  UPTIME_FORMAT_SCRIPT + ADMIN_SCRIPT_FILES.map((f) => `/* ${f} */\n${read(f)}\n;`).join('\n'),
  'js',
  'text/javascript; charset=utf-8',
);

/** The asset a request path names (only the current hashes match). */
export function adminAssetByPath(path: string): AdminAsset | undefined {
  return [adminCss, adminJs].find((a) => a.path === path);
}
