import { z } from 'zod';
import { CATALOG_TAGS, canonicalTag, isMessageKey, SOURCE_CATALOG } from '../i18n/catalogs.ts';
import { shapeMismatch } from '../i18n/message-shape.ts';

const tags = CATALOG_TAGS as [string, ...string[]];

/** A language Pharos has a catalog for (src/i18n/catalogs/<tag>.json). */
export const languageTagSchema = z.enum(tags);

/** `language:` a fixed language, or `auto` (the visitor's browser chooses among `languages`). */
export const languageSchema = z.union([z.literal('auto'), languageTagSchema]);

export const languagesSchema = z.array(languageTagSchema).min(1).max(CATALOG_TAGS.length);

const message = z.string().min(1).max(2000);

/**
 * `strings:` the operator's words for any message, by key ("banner.allOperational": "Everything is fine") for every
 * language, or under a language tag (de: { … }) for that one. Unknown keys and placeholders that differ from the
 * shipped message are config errors naming the key.
 */
export const stringsSchema = z
  .record(z.string().max(100), z.union([message, z.record(z.string().max(100), message)]))
  .superRefine((strings, ctx) => {
    for (const [key, value] of Object.entries(strings)) {
      if (typeof value === 'string') {
        checkMessage(key, value, 'en', [key], ctx);
        continue;
      }
      const tag = canonicalTag(key);
      if (!tag) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: isMessageKey(key)
            ? `"${key}" takes a message, not an object`
            : `unknown language "${key}"; languages: ${CATALOG_TAGS.join(', ')}`,
        });
        continue;
      }
      for (const [inner, text] of Object.entries(value)) checkMessage(inner, text, tag, [key, inner], ctx);
    }
  });
export type StringsConfig = z.infer<typeof stringsSchema>;

function checkMessage(key: string, text: string, tag: string, path: string[], ctx: z.RefinementCtx): void {
  if (!isMessageKey(key)) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `unknown message key "${key}" (the keys are those of src/i18n/catalogs/en.json)`,
    });
    return;
  }
  const why = shapeMismatch(SOURCE_CATALOG[key], text, tag);
  if (why) ctx.addIssue({ code: 'custom', path, message: `"${key}" ${why}` });
}

/** The language keys a page and the top level share. */
export const languageShape = {
  /** the page's language, or auto: the visitor's browser chooses among `languages` (default: en) */
  language: languageSchema.optional(),
  /** the languages visitors may switch between (a switcher in the footer); default: [language], or all with auto */
  languages: languagesSchema.optional(),
  /** the operator's own wording of any visitor-facing message (see README "Languages") */
  strings: stringsSchema.optional(),
};
