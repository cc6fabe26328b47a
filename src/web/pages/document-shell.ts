import type { ModelPage } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { faviconSvg, pharosCss, pharosJs } from '../assets/index.ts';
import { html, trustedHtml, type Html } from '../html/html.ts';
import { safeCssColor, safeImageUrl } from '../html/safe-url.ts';
import { pageFooter } from './page-footer.ts';
import { pageLinks } from './page-links.ts';

/** The snapshot replaces this with the page's ETag; pharos.js compares it with the live stream's. */
export const ETAG_PLACEHOLDER = '__PHAROS_ETAG__';

export interface DocumentParts {
  page: ModelPage;
  /** the <title>; the page name is appended */
  title?: string;
  /** the status page shows the page name as its h1; other pages have their own */
  brandIsHeading: boolean;
  main: Html;
}

const DEFAULT_COLORS = {
  brand: '#0969da',
  operational: '#1a7f37',
  degraded: '#9a6700',
  partial: '#bc4c00',
  major: '#cf222e',
  maintenance: '#0969da',
};

function brandStyle(page: ModelPage): string {
  const c = page.colors;
  const v = (value: string, key: keyof typeof DEFAULT_COLORS): string => safeCssColor(value, DEFAULT_COLORS[key]);
  return `:root{--brand:${v(c.brand, 'brand')};--s-o:${v(c.operational, 'operational')};--s-d:${v(c.degraded, 'degraded')};--s-p:${v(c.partial, 'partial')};--s-m:${v(c.major, 'major')};--s-u:${v(c.maintenance, 'maintenance')}}`;
}

/** The operator's CSS is trusted, but it must not end the <style> element early. */
function customStyle(css: string | null): Html | false {
  return (
    css !== null &&
    css.trim() !== '' &&
    html`<style id="custom-css">${trustedHtml(css.replace(/<\/(style)/gi, '<\\/$1'))}</style>`
  );
}

function brand(page: ModelPage): Html {
  const logo = safeImageUrl(page.logo);
  return logo
    ? html`<img class="logo" src="${logo}" alt="${page.name}">`
    : html`<span class="name">${page.name}</span>`;
}

export function renderDocument(parts: DocumentParts): string {
  const { page } = parts;
  const links = pageLinks(page);
  const t = pageTranslator(page);
  const dir = t.dir === 'rtl' ? html` dir="rtl"` : '';
  const favicon = safeImageUrl(page.favicon);
  const title = parts.title ? `${parts.title} · ${page.name}` : page.name;
  const brandLink = html`<a class="brand" href="${links.home}">${brand(page)}</a>`;
  return html`<!doctype html>
<html lang="${t.locale}" data-etag="${ETAG_PLACEHOLDER}" data-base="${page.basePath}"${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
${page.description && html`<meta name="description" content="${page.description}">`}
${favicon ? html`<link rel="icon" href="${favicon}">` : html`<link rel="icon" type="image/svg+xml" href="${faviconSvg.path}">`}
<link rel="alternate" type="application/rss+xml" title="${t.t('doc.feedRss', { page: page.name })}" href="${links.rss}">
<link rel="alternate" type="application/atom+xml" title="${t.t('doc.feedAtom', { page: page.name })}" href="${links.atom}">
<link rel="stylesheet" href="${pharosCss.path}">
<style>${trustedHtml(brandStyle(page))}</style>
${customStyle(page.customCss)}
<script src="${pharosJs.path}" defer></script>
</head>
<body>
<a class="skip" href="#main">${t.t('doc.skip')}</a>
<header class="top"><div class="wrap">
${parts.brandIsHeading ? html`<h1>${brandLink}</h1>` : brandLink}
<nav aria-label="${t.t('doc.pageNav')}"><a href="${links.history()}">${t.t('nav.history')}</a><a href="${links.rss}">${t.t('nav.rss')}</a></nav>
</div></header>
<main id="main" class="wrap">
${parts.main}
</main>
${pageFooter(page)}
</body>
</html>
`.text;
}
