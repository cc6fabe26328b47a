import type { ModelPage } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { html, type Html } from '../html/html.ts';
import { safeLinkUrl } from '../html/safe-url.ts';
import { languageSwitcher } from './language-switcher.ts';
import { pageLinks } from './page-links.ts';

/** The operator's footer links, then the page's own: history and the feeds; the language switcher. */
export function pageFooter(page: ModelPage): Html {
  const links = pageLinks(page);
  const t = pageTranslator(page);
  const operatorLinks = page.footer.map((f) => {
    const url = safeLinkUrl(f.url);
    return url ? html`<li><a href="${url}">${f.label}</a></li>` : html`<li>${f.label}</li>`;
  });
  return html`<footer class="foot"><div class="wrap">
<ul class="links">${operatorLinks}<li><a href="${links.history()}">${t.t('footer.history')}</a></li><li><a href="${links.rss}">${t.t('footer.rss')}</a></li><li><a href="${links.atom}">${t.t('footer.atom')}</a></li></ul>
${languageSwitcher(page, t)}
<p class="powered">${t.t('footer.powered')}</p>
</div></footer>`;
}
