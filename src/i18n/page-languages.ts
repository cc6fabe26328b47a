import type { StringsConfig } from '../config/language-schema.ts';
import { CATALOG_TAGS, SOURCE_LOCALE, isMessageKey, type MessageKey } from './catalogs.ts';
import type { PageLocales } from './negotiate-locale.ts';
import type { StringOverrides } from './translator.ts';

/** The language keys of a page or of the top level, as the config holds them. */
export interface LanguageOptions {
  language?: string | undefined;
  languages?: readonly string[] | undefined;
  strings?: StringsConfig | undefined;
}

/** A page's languages and, per language, the operator's overrides (one object per language, kept). */
export interface PageLanguages extends PageLocales {
  strings: ReadonlyMap<string, StringOverrides>;
}

/** English only, no overrides: pages and models that say nothing. */
export const DEFAULT_PAGE_LANGUAGES: PageLanguages = {
  default: SOURCE_LOCALE,
  allowed: [SOURCE_LOCALE],
  negotiate: false,
  strings: new Map(),
};

/**
 * A page's own keys over the top level's: `language` (default en) and `languages`; `auto` lets the browser
 * choose among `languages` (or every catalog). Overrides: the top level's, then the page's, each for every
 * language first and then for the one language.
 */
export function resolvePageLanguages(
  site: LanguageOptions | undefined,
  page: LanguageOptions | undefined,
): PageLanguages {
  const language = page?.language ?? site?.language ?? SOURCE_LOCALE;
  const languages = page?.languages ?? site?.languages;
  const negotiate = language === 'auto';
  const allowed = negotiate ? [...new Set(languages ?? CATALOG_TAGS)] : [...new Set([language, ...(languages ?? [])])];
  const strings = new Map<string, StringOverrides>();
  for (const tag of allowed) {
    const merged = { ...forLanguage(site?.strings, tag), ...forLanguage(page?.strings, tag) };
    if (Object.keys(merged).length > 0) strings.set(tag, Object.freeze(merged));
  }
  return { default: allowed[0]!, allowed, negotiate, strings };
}

function forLanguage(strings: StringsConfig | undefined, tag: string): Partial<Record<MessageKey, string>> {
  const out: Partial<Record<MessageKey, string>> = {};
  if (!strings) return out;
  for (const [key, value] of Object.entries(strings))
    if (typeof value === 'string' && isMessageKey(key)) out[key] = value;
  const own = Object.entries(strings).find(([key]) => key.toLowerCase() === tag.toLowerCase())?.[1];
  if (own && typeof own === 'object')
    for (const [key, value] of Object.entries(own)) if (isMessageKey(key)) out[key] = value;
  return out;
}
