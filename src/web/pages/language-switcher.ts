import type { ModelPage } from '../../http/public/status-model.ts';
import { catalogMessages, SOURCE_CATALOG } from '../../i18n/catalogs.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type Html } from '../html/html.ts';

/** A language's name in itself ("Deutsch", "日本語"), from its own catalog. */
export function languageName(tag: string): string {
  return catalogMessages(tag)?.['language.name'] ?? SOURCE_CATALOG['language.name'];
}

/**
 * The page's languages as plain links (no script): `?lang=` shows the page in that language and keeps the choice
 * in a cookie. Each name is marked with its own language so that screen readers say it right. Absent for a page in
 * one language.
 */
export function languageSwitcher(page: ModelPage, t: Translator): Html | false {
  const allowed = page.languages?.allowed ?? [];
  if (allowed.length <= 1) return false;
  const items = allowed.map((tag) =>
    tag === t.locale
      ? html`<li><a href="?lang=${tag}" hreflang="${tag}" lang="${tag}" aria-current="true">${languageName(tag)}</a></li>`
      : html`<li><a href="?lang=${tag}" hreflang="${tag}" lang="${tag}">${languageName(tag)}</a></li>`,
  );
  return html`<nav class="langs" aria-label="${t.t('switcher.label')}"><ul>${items}</ul></nav>`;
}
