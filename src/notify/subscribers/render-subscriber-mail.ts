import { html, trustedHtml, type Html } from '../../web/html/html.ts';
import { renderMarkdown } from '../../web/markdown/render-markdown.ts';
import { describeEvent } from '../message/describe-event.ts';
import type { NotificationEvent } from '../notification-event.ts';

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

const iso = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace('T', ' ');

/** One event's lines, shared by both parts: what happened, its facts, the body, the link. */
interface EventLines {
  heading: string;
  facts: [string, string][];
  body: string;
  linkLabel: string;
  url: string;
}

function linesOf(event: NotificationEvent): EventLines {
  const heading = describeEvent({ ...event, digest: undefined }).title.replace(/^\S+ /, '');
  const components: [string, string][] =
    event.components.length > 0 ? [['Components', event.components.map((c) => c.name).join(', ')]] : [];
  const i = event.incident;
  if (i)
    return {
      heading,
      facts: [['Status', i.status], ['Impact', i.impact], ...components],
      body: i.body,
      linkLabel: 'View the incident',
      url: i.url,
    };
  const w = event.maintenance;
  if (w)
    return {
      heading,
      facts: [['Window', `${iso(w.start)} – ${iso(w.end)} UTC`], ['Status', w.status], ...components],
      body: w.body,
      linkLabel: 'View the maintenance',
      url: w.url,
    };
  return { heading, facts: components, body: '', linkLabel: 'View the status page', url: event.pageUrl };
}

/**
 * The mail a subscriber gets for an incident or maintenance event (or several, as a digest): a subject, a text part
 * and an HTML part, each ending with why they got it and the unsubscribe link.
 */
export function renderSubscriberMail(
  event: NotificationEvent,
  page: { name: string },
  unsubscribeUrl: string,
): MailText {
  const events = event.digest && event.digest.length > 1 ? event.digest : [event];
  const all = events.map(linesOf);
  const subject =
    `[${page.name}] ${all.length === 1 ? all[0]!.heading : `${all.length} updates: ${all.map((l) => l.heading).join('; ')}`}`.slice(
      0,
      250,
    );
  const text = [
    ...all.flatMap((l) => [
      l.heading,
      ...l.facts.map(([k, v]) => `${k}: ${v}`),
      '',
      ...(l.body ? [l.body, ''] : []),
      `${l.linkLabel}: ${l.url}`,
      '',
    ]),
    '--',
    `You receive this because you subscribed to updates from ${page.name}.`,
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join('\n');
  const sections: Html[] = all.map(
    (l) => html`<h2 style="font-size:18px;margin:16px 0 8px">${l.heading}</h2>
<table role="presentation" style="border-collapse:collapse">${l.facts.map(([k, v]) => html`<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0">${k}</th><td>${v}</td></tr>`)}</table>
${l.body && html`<div>${trustedHtml(renderMarkdown(l.body))}</div>`}
<p><a href="${l.url}">${l.linkLabel}</a></p>`,
  );
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">
${sections}
<hr>
<p style="font-size:13px;color:#59636e">You receive this because you subscribed to updates from ${page.name}. <a href="${unsubscribeUrl}">Unsubscribe</a></p>
</body></html>`;
  return { subject, text, html: body.text };
}

/** The double opt-in mail: the confirmation link, when it stops working, and what to do if it was not them. */
export function renderConfirmationMail(
  page: { name: string },
  confirmUrl: string,
  expiresAt: number,
  componentNames: readonly string[],
): MailText {
  const which = componentNames.length > 0 ? componentNames.join(', ') : 'all components';
  const subject = `[${page.name}] Confirm your subscription`;
  const text = [
    `Someone (hopefully you) asked to receive incident and maintenance updates from ${page.name} at this address, for: ${which}.`,
    '',
    `Confirm your subscription: ${confirmUrl}`,
    '',
    `The link works until ${iso(expiresAt)} UTC. If you did not ask for this, ignore this mail: nothing will be sent to you.`,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">
<p>Someone (hopefully you) asked to receive incident and maintenance updates from ${page.name} at this address, for: ${which}.</p>
<p><a href="${confirmUrl}">Confirm your subscription</a></p>
<p style="font-size:13px;color:#59636e">The link works until ${iso(expiresAt)} UTC. If you did not ask for this, ignore this mail: nothing will be sent to you.</p>
</body></html>`;
  return { subject, text, html: body.text };
}

/** RFC 2369 and RFC 8058 headers: mail clients show an unsubscribe button that POSTs to the link. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
