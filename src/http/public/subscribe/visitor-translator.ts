import type { FastifyRequest } from 'fastify';
import { negotiateLocale } from '../../../i18n/negotiate-locale.ts';
import { DEFAULT_PAGE_LANGUAGES } from '../../../i18n/page-languages.ts';
import { translatorFor, type Translator } from '../../../i18n/translator.ts';
import { languageCookie } from '../language-cookie.ts';
import type { PageMount } from '../page-mounts.ts';

/** The subscribe flow's pages in the language the visitor reads the page in (cookie, ?lang=, Accept-Language). */
export function visitorTranslator(mount: PageMount | undefined, request: FastifyRequest): Translator {
  const languages = mount?.languages ?? DEFAULT_PAGE_LANGUAGES;
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const locale = negotiateLocale(languages, {
    query: typeof query === 'string' ? query : undefined,
    cookie: languageCookie(header('cookie')),
    acceptLanguage: header('accept-language'),
  });
  return translatorFor(locale, languages.strings.get(locale));
}
