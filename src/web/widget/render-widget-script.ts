import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { WIDGET_CSS } from './widget-css.ts';
import { widgetState } from './widget-state.ts';

/** How often an open page asks for the status again. */
const REFRESH_MS = 60_000;

/**
 * /widget.js: included with `<script src=".../widget.js" async></script>`, it puts a link badge (coloured dot and
 * status description) right after its own script tag. It starts with the status it was built with and keeps it
 * fresh from status.json (CORS is open) while the tab is visible. Everything lives in one closure (no globals)
 * and inside a shadow root, so the host page's CSS and the widget's cannot touch each other.
 */
export function renderWidgetScript(model: StatusModel): string {
  const t = pageTranslator(model.page);
  // "{page}: {status}" with the slots left for the script to fill
  const label = t.t('widget.label', { page: '\u0001', status: '\u0002' });
  const config = { ...widgetState(model), css: WIDGET_CSS, refreshMs: REFRESH_MS, label, dir: t.dir };
  return `/* Pharos status widget */
(function () {
  'use strict';
  var config = ${scriptJson(config)};
  var script = document.currentScript;
  if (!script) {
    // currentScript is null in a few old engines: take the last widget tag not yet handled
    var tags = document.querySelectorAll('script[src*="widget.js"]:not([data-pharos-widget])');
    script = tags.length ? tags[tags.length - 1] : null;
  }
  if (!script || !script.parentNode) return;
  script.setAttribute('data-pharos-widget', '');
  var host = document.createElement('span');
  if (!host.attachShadow) return;
  var root = host.attachShadow({ mode: 'open' });
  // a constructed sheet is not blocked by the host page's style-src CSP; a style element is the fallback
  var sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(config.css);
  } catch (e) {
    sheet = null;
  }
  if (sheet && 'adoptedStyleSheets' in root) {
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = config.css;
    root.appendChild(style);
  }
  var link = document.createElement('a');
  link.className = 'pharos-widget';
  link.href = config.url;
  link.target = '_blank';
  link.rel = 'noopener';
  link.lang = config.locale;
  link.dir = config.dir;
  var dot = document.createElement('span');
  dot.className = 'pharos-dot';
  dot.setAttribute('aria-hidden', 'true');
  var text = document.createElement('span');
  link.appendChild(dot);
  link.appendChild(text);
  root.appendChild(link);
  script.parentNode.insertBefore(host, script.nextSibling);

  function show(indicator, description) {
    // status.json's indicator stays Statuspage's 'none' while no component has data: its description says so
    var key = indicator === 'none' && description === config.noDataDescription ? 'unknown' : indicator;
    var color = Object.prototype.hasOwnProperty.call(config.colors, key) ? config.colors[key] : config.colors.none;
    var words = Object.prototype.hasOwnProperty.call(config.words, description) ? config.words[description] : description;
    dot.style.background = color;
    text.textContent = words;
    link.title = config.label.replace('\u0001', config.name).replace('\u0002', words);
    link.setAttribute('aria-label', link.title);
  }

  function refresh() {
    if (typeof fetch !== 'function' || document.hidden) return;
    fetch(config.statusUrl, { credentials: 'omit' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        var status = body && body.status;
        if (status && typeof status.description === 'string' && typeof status.indicator === 'string') show(status.indicator, status.description);
      })
      .catch(function () { /* keep showing the last known status */ });
  }

  show(config.dot === 'unknown' ? 'none' : config.indicator, config.apiDescription);
  refresh();
  setInterval(refresh, config.refreshMs);
})();
`;
}

/** JSON that is also safe inside a script element and in any JS engine (no </script>, no raw U+2028/9). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
