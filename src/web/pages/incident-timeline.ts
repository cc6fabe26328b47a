import type { Incident } from '../../domain/incident.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, trustedHtml, type Html } from '../html/html.ts';
import { timeTag } from '../html/time-tag.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';

/** An incident's updates, newest first, each with its status, time and Markdown body. */
export function incidentTimeline(incident: Incident, t: Translator): Html {
  const updates = [...incident.updates].sort((a, b) => b.createdAt - a.createdAt);
  return html`<ol class="timeline">${updates.map(
    (u) =>
      html`<li class="t-${u.status}"><p class="t-head"><strong>${t.t(`incidentStatus.${u.status}`)}</strong> ${timeTag(u.createdAt, 'datetime', t.formats)}</p><div class="md">${trustedHtml(renderMarkdown(u.body))}</div></li>`,
  )}</ol>`;
}

/** Markdown body of a maintenance window or an update, sanitised. */
export function markdownBlock(text: string): Html {
  return html`<div class="md">${trustedHtml(renderMarkdown(text))}</div>`;
}
