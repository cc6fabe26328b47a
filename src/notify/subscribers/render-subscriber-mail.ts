import { isMessageKey, type MessageKey } from '../../i18n/catalogs.ts';
import { pageTranslator, type PageLanguageView } from '../../i18n/page-translator.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, trustedHtml, type Html } from '../../web/html/html.ts';
import { markdownToText } from '../../web/markdown/markdown-to-text.ts';
import { renderMarkdown } from '../../web/markdown/render-markdown.ts';
import { describeEvent } from '../message/describe-event.ts';
import type { NotificationEvent } from '../notification-event.ts';

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

/** "2026-12-06 14:55:59 UTC": one format for every time in a mail. */
export const mailTime = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, ' UTC')
    .replace('T', ' ');

/** A mail's page: its name and language (mails are in the page's configured language). */
export type MailPage = { name: string } & PageLanguageView;

/** English keeps its plain UTC stamp; other languages their own date and time. */
const timeIn = (t: Translator, ms: number) => (t.locale === 'en' ? mailTime(ms) : t.formats.time(ms));

/** A status or impact value: as the API writes it in English mails (unchanged wording), translated otherwise. */
function valueIn(t: Translator, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return t.locale === 'en' || !isMessageKey(key) ? value : t.t(key);
}

const HEADINGS: Partial<Record<NotificationEvent['type'], MessageKey>> = {
  'incident.created': 'mail.incidentCreated',
  'incident.updated': 'mail.incidentUpdated',
  'incident.resolved': 'mail.incidentResolved',
  'maintenance.scheduled': 'mail.maintenanceScheduled',
  'maintenance.started': 'mail.maintenanceStarted',
  'maintenance.completed': 'mail.maintenanceCompleted',
};

/** One event's lines, shared by both parts: what happened, its facts, the body, the link. */
interface EventLines {
  heading: string;
  facts: [string, string][];
  body: string;
  linkLabel: string;
  url: string;
}

function linesOf(event: NotificationEvent, t: Translator): EventLines {
  const key = HEADINGS[event.type];
  const name = event.incident?.name ?? event.maintenance?.title;
  const heading =
    key && name !== undefined && t.locale !== 'en'
      ? t.t(key, { name })
      : describeEvent({ ...event, digest: undefined }).title.replace(/^\S+ /, '');
  const components: [string, string][] =
    event.components.length > 0 ? [[t.t('mail.components'), event.components.map((c) => c.name).join(', ')]] : [];
  const i = event.incident;
  if (i)
    return {
      heading,
      facts: [
        [t.t('mail.status'), valueIn(t, 'incidentStatus', i.status)],
        [t.t('mail.impact'), valueIn(t, 'impact', i.impact)],
        ...components,
      ],
      body: i.body,
      linkLabel: t.t('mail.viewIncident'),
      url: i.url,
    };
  const w = event.maintenance;
  if (w)
    return {
      heading,
      facts: [
        [t.t('mail.window'), `${timeIn(t, w.start)} – ${timeIn(t, w.end)}`],
        [t.t('mail.status'), valueIn(t, 'maintenanceStatus', w.status)],
        ...components,
      ],
      body: w.body,
      linkLabel: t.t('mail.viewMaintenance'),
      url: w.url,
    };
  return { heading, facts: components, body: '', linkLabel: t.t('mail.viewPage'), url: event.pageUrl };
}

/**
 * The mail a subscriber gets for an incident or maintenance event (or several, as a digest): a subject, a text part
 * and an HTML part, each ending with why they got it and the unsubscribe link.
 */
export function renderSubscriberMail(event: NotificationEvent, page: MailPage, unsubscribeUrl: string): MailText {
  const t = pageTranslator(page);
  const events = event.digest && event.digest.length > 1 ? event.digest : [event];
  const all = events.map((e) => linesOf(e, t));
  const summary =
    all.length === 1
      ? all[0]!.heading
      : t.t('mail.updates', { count: all.length, list: all.map((l) => l.heading).join('; ') });
  const subject = `[${page.name}] ${summary}`.slice(0, 250);
  const why = t.t('mail.why', { page: page.name });
  const dir = t.dir === 'rtl' ? ' dir="rtl"' : '';
  const text = [
    ...all.flatMap((l) => [
      l.heading,
      ...l.facts.map(([k, v]) => `${k}: ${v}`),
      '',
      ...(l.body ? [markdownToText(l.body), ''] : []),
      `${l.linkLabel}: ${l.url}`,
      '',
    ]),
    '--',
    why,
    `${t.t('mail.unsubscribe')}: ${unsubscribeUrl}`,
  ].join('\n');
  const sections: Html[] = all.map(
    (l) => html`<h2 style="font-size:18px;margin:16px 0 8px">${l.heading}</h2>
<table role="presentation" style="border-collapse:collapse">${l.facts.map(([k, v]) => html`<tr><th scope="row" style="text-align:start;padding:2px 12px 2px 0">${k}</th><td>${v}</td></tr>`)}</table>
${l.body && html`<div>${trustedHtml(renderMarkdown(l.body))}</div>`}
<p><a href="${l.url}">${l.linkLabel}</a></p>`,
  );
  const body = html`<!doctype html>
<html lang="${t.locale}"${trustedHtml(dir)}><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">
${sections}
<hr>
<p style="font-size:13px;color:#59636e">${why} <a href="${unsubscribeUrl}">${t.t('mail.unsubscribe')}</a></p>
</body></html>`;
  return { subject, text, html: body.text };
}

/** The double opt-in mail: the confirmation link, when it stops working, and what to do if it was not them. */
export function renderConfirmationMail(
  page: MailPage,
  confirmUrl: string,
  expiresAt: number,
  componentNames: readonly string[],
): MailText {
  const t = pageTranslator(page);
  const which = componentNames.length > 0 ? componentNames.join(', ') : t.t('mail.allComponents');
  const subject = `[${page.name}] ${t.t('mail.confirmSubject')}`;
  const intro = t.t('mail.confirmIntro', { page: page.name, components: which });
  const expiry = t.t('mail.confirmExpiry', { time: timeIn(t, expiresAt) });
  const text = [intro, '', `${t.t('mail.confirmLink')}: ${confirmUrl}`, '', expiry].join('\n');
  const dir = t.dir === 'rtl' ? ' dir="rtl"' : '';
  const body = html`<!doctype html>
<html lang="${t.locale}"${trustedHtml(dir)}><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">
<p>${intro}</p>
<p><a href="${confirmUrl}">${t.t('mail.confirmLink')}</a></p>
<p style="font-size:13px;color:#59636e">${expiry}</p>
</body></html>`;
  return { subject, text, html: body.text };
}

/** RFC 2369 and RFC 8058 headers: mail clients show an unsubscribe button that POSTs to the link. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
