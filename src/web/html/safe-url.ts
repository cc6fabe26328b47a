/**
 * URLs from configuration that end up in attributes. Only web and mail schemes or same-site paths pass;
 * anything else (javascript:, protocol-relative //host, backslash tricks) yields undefined.
 */
const WEB = /^(https?:\/\/[^\s/\\?#]|mailto:[^\s])/i;
const SITE_PATH = /^\/(?![/\\])/;
const DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp|svg\+xml|x-icon|vnd\.microsoft\.icon)[;,]/i;

export function safeLinkUrl(url: string): string | undefined {
  const u = url.trim();
  return WEB.test(u) || SITE_PATH.test(u) ? u : undefined;
}

/** Logos and favicons may also be inline data images (an <img> never runs scripts). */
export function safeImageUrl(url: string | null): string | undefined {
  if (url === null) return undefined;
  const u = url.trim();
  return /^https?:\/\/[^\s/\\?#]/i.test(u) || SITE_PATH.test(u) || DATA_IMAGE.test(u) ? u : undefined;
}

const COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|rgba|hsl|hsla|oklch|oklab)\([0-9.,%\s/a-z-]{1,60}\))$/i;

/** A CSS colour value safe to place inside a <style> block, or the fallback. */
export function safeCssColor(value: string, fallback: string): string {
  const v = value.trim();
  return COLOR.test(v) ? v : fallback;
}
