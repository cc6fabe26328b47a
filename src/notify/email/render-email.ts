import { markdownToText } from '../../web/markdown/markdown-to-text.ts';
import { renderMarkdown } from '../../web/markdown/render-markdown.ts';
import type { EventDescription } from '../message/describe-event.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const CAPS = { subject: 200, summary: 20_000, value: 2_000 };

/**
 * The same content twice, as plain text and as HTML: the summary (Markdown: rendered, or stripped to text), the facts as a table, a button to the page (pure).
 * The subject is the title with its icon: it shows the severity in a list of mails at a glance.
 */
export function renderEmail(d: EventDescription, pageUrl: string): RenderedEmail {
  const summary = cut(d.summary, CAPS.summary);
  const facts = d.facts.map(([k, v]): [string, string] => [k, cut(v, CAPS.value)]);
  const text = [
    d.title,
    '',
    markdownToText(summary),
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(facts.length ? [''] : []),
    `Open in Pharos: ${d.url}`,
    '',
    '-- ',
    `Sent by Pharos for ${pageUrl}`,
  ].join('\n');
  const rows = facts
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0;color:#57606a;font-weight:600;vertical-align:top">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#ffffff;border-top:4px solid ${d.color};border-radius:6px">
<tr><td style="padding:20px 24px">
<h1 style="margin:0 0 12px;font-size:20px">${escapeHtml(d.title)}</h1>
<div style="margin:0 0 16px;line-height:1.5">${renderMarkdown(summary, { breaks: true })}</div>
${rows ? `<table role="presentation" style="margin:0 0 20px;border-collapse:collapse;font-size:14px">${rows}</table>` : ''}
<a href="${escapeHtml(d.url)}" style="display:inline-block;padding:10px 18px;background:${d.color};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">Open in Pharos</a>
</td></tr>
</table>
<p style="max-width:600px;margin:12px auto 0;font-size:12px;color:#57606a">Sent by Pharos for <a href="${escapeHtml(pageUrl)}" style="color:#57606a">${escapeHtml(pageUrl)}</a></p>
</body></html>`;
  return { subject: cut(d.title.replace(/[\r\n]+/g, ' '), CAPS.subject), text, html };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
