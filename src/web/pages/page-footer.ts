import type { ModelPage } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';
import { safeLinkUrl } from '../html/safe-url.ts';
import { pageLinks } from './page-links.ts';

/** The operator's footer links, then the page's own: history and the feeds. */
export function pageFooter(page: ModelPage): Html {
  const links = pageLinks(page);
  const operatorLinks = page.footer.map((f) => {
    const url = safeLinkUrl(f.url);
    return url ? html`<li><a href="${url}">${f.label}</a></li>` : html`<li>${f.label}</li>`;
  });
  return html`<footer class="foot"><div class="wrap">
<ul class="links">${operatorLinks}<li><a href="${links.history()}">Incident history</a></li><li><a href="${links.rss}">RSS feed</a></li><li><a href="${links.atom}">Atom feed</a></li></ul>
<p class="powered">Powered by Pharos</p>
</div></footer>`;
}
