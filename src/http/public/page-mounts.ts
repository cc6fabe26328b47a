import type { PageConfig } from '../../config/page-schema.ts';
import { resolvePageLanguages, type LanguageOptions, type PageLanguages } from '../../i18n/page-languages.ts';
import { compilePageAccess, type PageAccessRule } from './private/page-access-rule.ts';

/** One way a page is reached: the default page at /, a page at /<slug>, a page at / of its own domain. */
export interface PageMount {
  /** unique: `${slug}@${basePath}` */
  key: string;
  /** '' for the implicit page of a config without `pages:` */
  slug: string;
  basePath: string;
  title: string;
  /** the page's own settings; undefined for the implicit page */
  page: PageConfig | undefined;
  /** component ids shown, in display order */
  componentIds: string[];
  /** absolute URL of the page, no trailing slash */
  url: string;
  /** set on every mount of a private page: each request is checked before anything of the page is served */
  access?: PageAccessRule;
  /** the languages it is shown in (config `language`, `languages`, `strings`); absent: English only */
  languages?: PageLanguages;
}

export interface PageMounts {
  all: PageMount[];
  /** served at / when no domain matches */
  root: PageMount;
  bySlug: Map<string, PageMount>;
  byHost: Map<string, PageMount>;
}

/** What the mounts are built from: the site's settings (config file) and the catalog's pages and components. */
export interface MountSource {
  title: string;
  server: { base_url?: string; port: number };
  pages: readonly PageConfig[];
  components: readonly { id: string; group?: string | null }[];
  /** the top-level `language`, `languages`, `strings` */
  language?: LanguageOptions['language'];
  languages?: LanguageOptions['languages'];
  strings?: LanguageOptions['strings'];
}

export function buildPageMounts(config: MountSource): PageMounts {
  const siteUrl = (config.server.base_url ?? `http://localhost:${config.server.port}`).replace(/\/$/, '');
  const allIds = config.components.map((c) => c.id);
  if (config.pages.length === 0) {
    const root: PageMount = {
      key: '@',
      slug: '',
      basePath: '',
      title: config.title,
      page: undefined,
      componentIds: allIds,
      url: siteUrl,
      languages: resolvePageLanguages(config, undefined),
    };
    return { all: [root], root, bySlug: new Map(), byHost: new Map() };
  }
  const all: PageMount[] = [];
  const bySlug = new Map<string, PageMount>();
  const byHost = new Map<string, PageMount>();
  const defaultPage = config.pages.find((p) => p.default) ?? config.pages[0]!;
  // decided once per page here, so that a public page's requests pay nothing for the feature
  const rules = new Map(config.pages.map((p) => [p, p.access ? compilePageAccess(p.access) : undefined]));
  const languagesOf = new Map(config.pages.map((p) => [p, resolvePageLanguages(config, p)]));
  const mount = (page: PageConfig, basePath: string, url: string): PageMount => {
    const access = rules.get(page);
    const m: PageMount = {
      key: `${page.slug}@${basePath}`,
      slug: page.slug,
      basePath,
      title: page.title,
      page,
      componentIds: componentsOf(config, page),
      url,
      languages: languagesOf.get(page)!,
      ...(access ? { access } : {}),
    };
    all.push(m);
    return m;
  };
  const root = mount(defaultPage, '', siteUrl);
  for (const page of config.pages) {
    bySlug.set(page.slug, mount(page, `/${page.slug}`, `${siteUrl}/${page.slug}`));
    if (page.domains.length > 0) {
      const own = page === defaultPage ? root : mount(page, '', `${new URL(siteUrl).protocol}//${page.domains[0]}`);
      for (const d of page.domains) byHost.set(d, own);
    }
  }
  return { all, root, bySlug, byHost };
}

/**
 * The components a page shows, by slug ('' = the page served at /: the default one, or all components when there are
 * no pages); undefined when no page has that slug. What subscriptions to the page are routed on.
 */
export function pageComponentIds(
  source: Pick<MountSource, 'pages' | 'components'>,
  slug: string,
): string[] | undefined {
  if (source.pages.length === 0) return slug === '' ? source.components.map((c) => c.id) : undefined;
  const page =
    slug === '' ? (source.pages.find((p) => p.default) ?? source.pages[0]) : source.pages.find((p) => p.slug === slug);
  return page && componentsOf(source, page);
}

/**
 * The page's components: those listed, then those of the listed groups, in config order. A page that lists neither
 * shows all of them, except, on a public page, those a private page names and no public page does: naming a
 * component on a private page makes it private unless a public page names it too.
 */
function componentsOf(config: Pick<MountSource, 'pages' | 'components'>, page: PageConfig): string[] {
  const listed = listedBy(config, page);
  if (listed) return listed;
  if (page.access) return config.components.map((c) => c.id);
  const named = (access: boolean) =>
    new Set(config.pages.flatMap((p) => (!!p.access === access ? (listedBy(config, p) ?? []) : [])));
  const [onPrivate, onPublic] = [named(true), named(false)];
  return config.components.map((c) => c.id).filter((id) => !onPrivate.has(id) || onPublic.has(id));
}

/** The components a page names (by id or group), in display order; undefined when it names none (all). */
function listedBy(config: Pick<MountSource, 'components'>, page: PageConfig): string[] | undefined {
  if (!page.components && !page.groups) return undefined;
  const ids = [...(page.components ?? [])];
  const groups = new Set(page.groups ?? []);
  for (const c of config.components) if (c.group && groups.has(c.group) && !ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/** The mount for a request: its Host header's page at /, else /<slug>/… or the root page. */
export function resolveMount(
  mounts: PageMounts,
  host: string | undefined,
  path: string,
): { mount: PageMount; rest: string } {
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  const byHost = mounts.byHost.get(hostname);
  if (byHost) return { mount: byHost, rest: path };
  const m = /^\/([a-z0-9][a-z0-9-]{0,62})(\/.*)?$/.exec(path);
  const bySlug = m ? mounts.bySlug.get(m[1]!) : undefined;
  if (bySlug) return { mount: bySlug, rest: m![2] ?? '/' };
  return { mount: mounts.root, rest: path };
}
