import { pharosCss } from '../../../web/assets/index.ts';
import { html, type Html } from '../../../web/html/html.ts';

/**
 * The small pages of the subscribe flow (form result, confirmation, unsubscribe). Standalone: the status page's
 * script is left out on purpose (its live refresh would reload a confirmation link).
 */
export function renderSubscriberPage(parts: { siteName: string; title: string; body: Html }): string {
  return html`<!doctype html>
<html lang="en">
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
<p><a href="/">Back to the status page</a></p>
</main>
</body>
</html>
`.text;
}

export function messagePage(siteName: string, title: string, message: string): string {
  return renderSubscriberPage({ siteName, title, body: html`<p>${message}</p>` });
}

/** The unsubscribe link's page: a button that POSTs the same signed link (so that link scanners do not unsubscribe). */
export function unsubscribeConfirmPage(siteName: string, action: string): string {
  return renderSubscriberPage({
    siteName,
    title: 'Unsubscribe',
    body: html`<p>Stop receiving incident and maintenance notices from ${siteName}?</p>
<form method="post" action="${action}"><p><button type="submit">Unsubscribe</button></p></form>`,
  });
}

/** The confirmation link's page: a button that POSTs the token (a GET, which mail scanners send, confirms nothing). */
export function confirmButtonPage(siteName: string, token: string): string {
  return renderSubscriberPage({
    siteName,
    title: 'Confirm your subscription',
    body: html`<p>Receive incident and maintenance notices from ${siteName} at the address you gave?</p>
<form method="post" action="/subscribers/confirm"><input type="hidden" name="token" value="${token}"><p><button type="submit">Confirm subscription</button></p></form>`,
  });
}
