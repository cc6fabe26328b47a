import type { Translator } from '../../../i18n/translator.ts';
import { pharosCss } from '../../../web/assets/index.ts';
import { html, type Html } from '../../../web/html/html.ts';

/**
 * The small pages of the subscribe flow (form result, confirmation, unsubscribe), in the visitor's language.
 * Standalone: the status page's script is left out on purpose (its live refresh would reload a confirmation link).
 */
export function renderSubscriberPage(parts: { siteName: string; title: string; body: Html; t: Translator }): string {
  const { t } = parts;
  const dir = t.dir === 'rtl' ? html` dir="rtl"` : '';
  return html`<!doctype html>
<html lang="${t.locale}"${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${parts.title} · ${parts.siteName}</title>
<link rel="stylesheet" href="${pharosCss.path}">
<style>:root{--brand:#0969da;--s-o:#1a7f37;--s-d:#9a6700;--s-p:#bc4c00;--s-m:#cf222e;--s-u:#0969da}</style>
</head>
<body>
<header class="top"><div class="wrap"><a class="brand" href="/"><span class="name">${parts.siteName}</span></a></div></header>
<main id="main" class="wrap sub-page">
<h1>${parts.title}</h1>
${parts.body}
<p><a href="/">${t.t('subscriber.back')}</a></p>
</main>
</body>
</html>
`.text;
}

export function messagePage(siteName: string, title: string, message: string, t: Translator): string {
  return renderSubscriberPage({ siteName, title, body: html`<p>${message}</p>`, t });
}

/** The unsubscribe link's page: a button that POSTs the same signed link (so that link scanners do not unsubscribe). */
export function unsubscribeConfirmPage(siteName: string, action: string, t: Translator): string {
  return renderSubscriberPage({
    siteName,
    title: t.t('subscriber.unsubscribeTitle'),
    body: html`<p>${t.t('subscriber.unsubscribeQuestion', { site: siteName })}</p>
<form method="post" action="${action}"><p><button type="submit">${t.t('subscriber.unsubscribeButton')}</button></p></form>`,
    t,
  });
}

/** The confirmation link's page: a button that POSTs the token (a GET, which mail scanners send, confirms nothing). */
export function confirmButtonPage(siteName: string, token: string, t: Translator): string {
  return renderSubscriberPage({
    siteName,
    title: t.t('subscriber.confirmTitle'),
    body: html`<p>${t.t('subscriber.confirmQuestion', { site: siteName })}</p>
<form method="post" action="/subscribers/confirm"><input type="hidden" name="token" value="${token}"><p><button type="submit">${t.t('subscriber.confirmButton')}</button></p></form>`,
    t,
  });
}
