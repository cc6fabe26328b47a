import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { escapeHtml } from '../html/html.ts';
import { WIDGET_CSS } from './widget-css.ts';
import { widgetState } from './widget-state.ts';

/** How often the iframe reloads itself to stay fresh, without any script. */
const REFRESH_SECONDS = 300;

/**
 * /widget: a standalone document for an iframe, showing the page's status as a link. Inline CSS only, no
 * external resources and no script; the background stays transparent so it sits on any page.
 */
export function renderWidgetFrame(model: StatusModel): string {
  const s = widgetState(model);
  const t = pageTranslator(model.page);
  const label = t.t('widget.label', { page: s.name, status: s.description });
  return `<!doctype html>
<html lang="${escapeHtml(t.locale)}"${t.dir === 'rtl' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>${escapeHtml(label)}</title>
<style>
html,body{margin:0;padding:0;background:transparent}
body{padding:2px}
${WIDGET_CSS}
</style>
</head>
<body>
<a class="pharos-widget" href="${escapeHtml(s.url)}" target="_blank" rel="noopener" title="${escapeHtml(label)}" aria-label="${escapeHtml(label)}"><span class="pharos-dot" style="background:${escapeHtml(s.colors[s.dot])}" aria-hidden="true"></span><span>${escapeHtml(s.description)}</span></a>
</body>
</html>
`;
}
