import { negotiateLocale } from '../../i18n/negotiate-locale.ts';
import { faviconSvg } from '../../web/assets/index.ts';
import { languageCookie, languageSetCookie } from './language-cookie.ts';
import type { PageMount } from './page-mounts.ts';
import type { PageSnapshot } from './page-snapshot.ts';
import { PRIVATE_CACHE_CONTROL } from './private/private-headers.ts';
import type { PublicSnapshot } from './public-snapshot.ts';
import type { RenderedAsset } from './rendered-asset.ts';
import type { LanguageHeaders } from './request-headers.ts';
import { IMMUTABLE_CACHE_CONTROL, PAGE_CACHE_CONTROL } from './cache-control.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** ids in paths; maintenance occurrences look like db-patching~202612060130 */
const ID = /^[A-Za-z0-9_~-]{1,80}$/;

export type PublicAnswer = (
  | {
      kind: 'asset';
      asset: RenderedAsset;
      cacheControl: string;
      cors: boolean;
      embeddable?: boolean;
      private?: boolean;
      /** set on what is rendered in a language: the headers that say which and what it depended on */
      language?: AnswerLanguage;
    }
  | { kind: 'error'; status: number; error: string; message: string; field?: string }
  | { kind: 'stream'; page: PageSnapshot }
  | { kind: 'starting' }
) & {
  /** the private page's mount: nothing may be served before its access rule let the request in */
  gated?: PageMount & { access: NonNullable<PageMount['access']> };
};

/** Content-Language and Vary of a localized answer; Set-Cookie when the visitor chose with ?lang=. */
export interface AnswerLanguage {
  contentLanguage: string;
  /** the request headers the language came from ('' for a page in one language) */
  vary: string;
  setCookie?: string;
}

/** /favicon.ico has no hash in its name: a day, not a year. */
const FAVICON_CACHE_CONTROL = 'public, max-age=86400';

/**
 * What a public GET is answered with, from the snapshot alone: bytes, an error, or the live stream.
 * undefined when the path is not a public one (ops, push, admin routes handle it).
 */
export function resolvePublicRequest(
  snapshot: PublicSnapshot,
  assets: ReadonlyMap<string, RenderedAsset>,
  host: string | undefined,
  url: string,
  /** read only for a page shown in several languages */
  languageHeaders?: () => LanguageHeaders,
): PublicAnswer | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith('/assets/')) {
    const asset = assets.get(path.slice('/assets/'.length));
    return asset ? { kind: 'asset', asset, cacheControl: IMMUTABLE_CACHE_CONTROL, cors: false } : notFound();
  }
  // browsers ask for it on every site, whatever the page links
  if (path === '/favicon.ico') {
    const icon = assets.get(faviconSvg.path.slice('/assets/'.length));
    return icon ? { kind: 'asset', asset: icon, cacheControl: FAVICON_CACHE_CONTROL, cors: false } : notFound();
  }
  if (isOtherRoute(path)) return undefined;
  const { page, mount, rest } = snapshot.resolve(host, path);
  // sign-in routes of private pages (src/http/public/private/access-routes.ts)
  if (rest === '/_access' || rest.startsWith('/_access/')) return undefined;
  const access = mount.access;
  const language = page && chooseLanguage(mount, url, q, languageHeaders);
  if (!access) return answerFor(page, rest, url, q, publicAsset, language);
  return { ...answerFor(page, rest, url, q, privateAsset, language), gated: { ...mount, access } };
}

/** The language of the answer; undefined for a page in one language (nothing to negotiate, nothing to read). */
function chooseLanguage(
  mount: PageMount,
  url: string,
  q: number,
  headers: (() => LanguageHeaders) | undefined,
): AnswerLanguage | undefined {
  const languages = mount.languages;
  if (!languages || languages.allowed.length <= 1) return undefined;
  const query = q === -1 ? undefined : (new URLSearchParams(url.slice(q + 1)).get('lang') ?? undefined);
  const h = headers?.();
  const locale = negotiateLocale(languages, {
    query,
    cookie: languageCookie(h?.cookie),
    acceptLanguage: h?.acceptLanguage,
  });
  const chosen = query !== undefined && locale.toLowerCase() === query.toLowerCase();
  return {
    contentLanguage: locale,
    vary: languages.negotiate ? 'cookie, accept-language' : 'cookie',
    ...(chosen && { setCookie: languageSetCookie(locale) }),
  };
}

type AssetAnswer = (a: RenderedAsset | undefined, cors?: boolean) => PublicAnswer;
const publicAsset: AssetAnswer = (a, cors = false) =>
  a ? { kind: 'asset', asset: a, cacheControl: PAGE_CACHE_CONTROL, cors } : notFound();
/** A private page's bytes: never kept by shared caches, never readable cross-origin (an IP allow-list is no credential a browser withholds). */
const privateAsset: AssetAnswer = (a) =>
  a ? { kind: 'asset', asset: a, cacheControl: PRIVATE_CACHE_CONTROL, cors: false, private: true } : notFound();

function answerFor(
  page: PageSnapshot | undefined,
  rest: string,
  url: string,
  q: number,
  jsonAsset: AssetAnswer,
  language: AnswerLanguage | undefined,
): PublicAnswer {
  if (!page) return { kind: 'starting' };
  // Statuspage JSON and the stream are the same in every language (API values, English descriptions)
  if (rest.startsWith('/api/v2/')) {
    const endpoint = rest.slice('/api/v2/'.length);
    return endpoint === 'stream' ? { kind: 'stream', page } : jsonAsset(page.json.get(endpoint), true);
  }
  const contentLanguage = language?.contentLanguage ?? page.locale;
  const asset: AssetAnswer = (a, cors) => {
    const answer = jsonAsset(a, cors);
    if (answer.kind !== 'asset') return answer;
    const withCookie = language?.setCookie ? { cacheControl: PRIVATE_CACHE_CONTROL } : {};
    return { ...answer, ...withCookie, language: { vary: '', ...language, contentLanguage } };
  };
  page = page.localized(contentLanguage);
  if (rest === '/' || rest === '') return asset(page.html);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  switch (rest) {
    case '/history': {
      const month = query.get('month') ?? new Date(page.model.builtAt).toISOString().slice(0, 7);
      if (!MONTH.test(month))
        return { kind: 'error', status: 400, error: 'invalid_query', field: 'month', message: 'month must be YYYY-MM' };
      return asset(page.historyPage(month));
    }
    case '/history.rss':
      return asset(page.feed('rss'));
    case '/history.atom':
      return asset(page.feed('atom'));
    case '/widget.js':
      return asset(page.widget('script'), true);
    case '/widget': {
      const frame = asset(page.widget('frame'));
      return frame.kind === 'asset' ? { ...frame, embeddable: true } : frame;
    }
  }
  const permalink = /^\/(incidents|maintenance)\/([^/]+)$/.exec(rest);
  if (permalink && ID.test(permalink[2]!))
    return asset(permalink[1] === 'incidents' ? page.incidentPage(permalink[2]!) : page.maintenancePage(permalink[2]!));
  const badge = /^\/badge\/([^/]+)\/(status|uptime|response-time)\.svg$/.exec(rest);
  if (badge && ID.test(badge[1]!))
    return asset(page.badge(badge[1]!, badge[2]!, query.get('period') ?? undefined), true);
  return notFound();
}

/** Paths served by other routes, even on a page's own domain. */
function isOtherRoute(path: string): boolean {
  return (
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/readyz/serving' ||
    path === '/metrics' ||
    path.startsWith('/api/push/') ||
    path.startsWith('/api/v1/') ||
    path === '/admin' ||
    path.startsWith('/admin/') ||
    isSubscriberRoute(path)
  );
}

/** Public sign-up, confirmation and unsubscribe (src/http/public/subscribe): site-wide, answered by fastify. */
function isSubscriberRoute(path: string): boolean {
  return path === '/api/v2/subscribers' || path === '/subscribe' || path.startsWith('/subscribers/');
}

function notFound(): PublicAnswer {
  return { kind: 'error', status: 404, error: 'not_found', message: 'no such page' };
}
