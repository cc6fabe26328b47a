import { SOURCE_LOCALE } from './catalogs.ts';
import type { PageLanguages } from './page-languages.ts';
import { translatorFor, type Translator } from './translator.ts';

/** What a page model says of its language (absent: English, no overrides). */
export interface PageLanguageView {
  /** the language this model is rendered in */
  locale?: string;
  languages?: PageLanguages;
}

/** The translator a page's renderers use: its language with the page's overrides for it. */
export function pageTranslator(page: PageLanguageView): Translator {
  const locale = page.locale ?? SOURCE_LOCALE;
  return translatorFor(locale, page.languages?.strings.get(locale));
}
