import { pageTranslator } from '../../../i18n/page-translator.ts';
import type { StatusModel } from '../status-model.ts';
import { escapeXml } from './escape-xml.ts';
import { feedEntries, feedUpdated } from './feed-entries.ts';

/** /history.atom: Atom 1.0 (RFC 4287) of the page's incidents and maintenance, newest first. Dates are RFC 3339. */
export function renderAtom(model: StatusModel): string {
  const { page } = model;
  const entries = feedEntries(model);
  const t = pageTranslator(page);
  const base = tagBase(page.url);
  const items = entries.map(
    (e) => `  <entry>
    <id>${escapeXml(`${base}${e.key}`)}</id>
    <title type="text">${escapeXml(e.title)}</title>
    <published>${rfc3339(e.published)}</published>
    <updated>${rfc3339(e.updated)}</updated>
    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>
    <content type="html">${escapeXml(e.html)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(t.locale)}">
  <id>${escapeXml(`${base}History`)}</id>
  <title type="text">${escapeXml(t.t('feed.title', { page: page.name }))}</title>
  <updated>${rfc3339(feedUpdated(model, entries))}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${page.url}/history.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(page.url)}"/>
  <author><name>${escapeXml(page.name)}</name><uri>${escapeXml(page.url)}</uri></author>
${items.join('\n')}
</feed>
`;
}

/**
 * Tag URIs (RFC 4151), as Statuspage's feeds use, so ids survive a change of scheme:
 * `tag:status.acme.test,2005:/` + `Incident/<id>`; a port and the page's path go after the date.
 */
function tagBase(pageUrl: string): string {
  const url = new URL(pageUrl);
  const port = url.port ? `:${url.port}` : '';
  return `tag:${url.hostname},2005:${port}${url.pathname.replace(/\/$/, '')}/`;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
