import { readdirSync, readFileSync } from 'node:fs';
import en from './catalogs/en.json' with { type: 'json' };

/** Every visitor-facing message's key; English (catalogs/en.json) is the reference every catalog must match. */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

/** The reference language, and the last fallback for a key a catalog lacks at run time (the tests forbid that). */
export const SOURCE_LOCALE = 'en';

/** Languages written right to left: their pages get dir="rtl". */
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

const DIR = new URL('./catalogs/', import.meta.url);
const TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/;

/**
 * The catalogs shipped, read once at import: one JSON file per BCP 47 tag (`de.json`, `zh-Hans.json`), flat keys,
 * ICU MessageFormat values. Adding a language is adding its file.
 */
function readCatalogs(): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const file of readdirSync(DIR).sort()) {
    const tag = file.replace(/\.json$/, '');
    if (tag === file || !TAG.test(tag)) continue;
    out.set(tag, JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, string>);
  }
  return out;
}

const CATALOGS = readCatalogs();

/** The tags of the shipped catalogs, English first. */
export const CATALOG_TAGS: readonly string[] = [SOURCE_LOCALE, ...[...CATALOGS.keys()].filter((t) => t !== 'en')];

/** A catalog's messages as written (possibly missing keys: callers fall back to English). */
export function catalogMessages(tag: string): Readonly<Record<string, string>> | undefined {
  return CATALOGS.get(tag);
}

export const SOURCE_CATALOG: Catalog = en;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The shipped tag a case-insensitive tag names ('zh-hans' → 'zh-Hans'); undefined when there is none. */
export function canonicalTag(tag: string): string | undefined {
  const lower = tag.toLowerCase();
  return CATALOG_TAGS.find((t) => t.toLowerCase() === lower);
}

export function isRtl(tag: string): boolean {
  return RTL.has(tag.split('-')[0]!);
}
