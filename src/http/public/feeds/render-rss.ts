import { pageTranslator } from '../../../i18n/page-translator.ts';
import type { StatusModel } from '../status-model.ts';
import { escapeXml } from './escape-xml.ts';
import { feedEntries, feedUpdated } from './feed-entries.ts';

/** /history.rss: RSS 2.0 of the page's incidents and maintenance, newest first. Dates are RFC 822. */
export function renderRss(model: StatusModel): string {
  const { page } = model;
  const entries = feedEntries(model);
  const t = pageTranslator(page);
  const items = entries.map(
    (e) => `    <item>
      <title>${escapeXml(e.title)}</title>
      <link>${escapeXml(e.link)}</link>
      <guid isPermaLink="true">${escapeXml(e.link)}</guid>
      <pubDate>${rfc822(e.published)}</pubDate>
      <description>${escapeXml(e.html)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(t.t('feed.title', { page: page.name }))}</title>
    <link>${escapeXml(page.url)}</link>
    <description>${escapeXml(page.description ?? t.t('feed.description', { page: page.name }))}</description>
    <language>${escapeXml(t.locale)}</language>
    <lastBuildDate>${rfc822(feedUpdated(model, entries))}</lastBuildDate>
    <atom:link href="${escapeXml(`${page.url}/history.rss`)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
  </channel>
</rss>
`;
}

/** RFC 822 (with a four-digit year, as RFC 1123 and every reader expect): Wed, 25 Nov 2026 12:00:00 GMT */
function rfc822(ms: number): string {
  return new Date(ms).toUTCString();
}
