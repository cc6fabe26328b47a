import IntlMessageFormat from 'intl-messageformat';
import { catalogMessages, SOURCE_CATALOG, SOURCE_LOCALE, type MessageKey } from './catalogs.ts';

export type CompiledMessages = ReadonlyMap<MessageKey, IntlMessageFormat>;

const compiled = new Map<string, CompiledMessages>();

/**
 * A language's messages parsed once (on first use, which is at start-up for the pages' languages) and kept: a
 * request never parses a message. A key the catalog lacks, or a message that does not parse, falls back to English
 * (the catalog test forbids both).
 */
export function compiledCatalog(tag: string): CompiledMessages {
  const hit = compiled.get(tag);
  if (hit) return hit;
  const messages = catalogMessages(tag) ?? {};
  const out = new Map<MessageKey, IntlMessageFormat>();
  for (const [key, english] of Object.entries(SOURCE_CATALOG) as [MessageKey, string][])
    out.set(key, compile(messages[key], tag) ?? new IntlMessageFormat(english, SOURCE_LOCALE));
  compiled.set(tag, out);
  return out;
}

export function compile(message: string | undefined, tag: string): IntlMessageFormat | undefined {
  if (message === undefined) return undefined;
  try {
    return new IntlMessageFormat(message, tag);
  } catch {
    return undefined;
  }
}
