import { formatUptime } from '../../domain/uptime/format-uptime.ts';
import { LocaleFormats, type TimeStyle } from '../../i18n/locale-formats.ts';
import { html, type Html } from './html.ts';

/**
 * How a `<time>` reads. The server writes UTC in the page's language; pharos.js rewrites 'datetime', 'time' and
 * 'monthDay' in the viewer's zone (same language), and leaves 'date' alone (a UTC day stays a UTC day).
 */
export type { TimeStyle } from '../../i18n/locale-formats.ts';

const ENGLISH = new LocaleFormats('en');

/** "Nov 25, 2026, 12:00 UTC" and its shorter forms, in the given language (English by default). */
export function utcText(ms: number, style: TimeStyle = 'datetime', formats: LocaleFormats = ENGLISH): string {
  return formats.time(ms, style);
}

const STYLE_ATTR: Record<TimeStyle, string> = { datetime: '', time: 't', monthDay: 'md', date: '' };

/** `<time datetime="ISO">UTC text</time>`; date-only values carry a plain YYYY-MM-DD datetime. */
export function timeTag(ms: number, style: TimeStyle = 'datetime', formats: LocaleFormats = ENGLISH): Html {
  const iso = new Date(ms).toISOString().replace(/:00\.000Z$/, 'Z');
  const datetime = style === 'date' ? iso.slice(0, 10) : iso;
  const f = STYLE_ATTR[style];
  const text = utcText(ms, style, formats);
  return f
    ? html`<time datetime="${datetime}" data-f="${f}">${text}</time>`
    : html`<time datetime="${datetime}">${text}</time>`;
}

/** "November 2026" for "2026-11". */
export function monthTitle(month: string, formats: LocaleFormats = ENGLISH): string {
  return formats.month(month);
}

/** "99.86 %": the one uptime format (src/domain/uptime/format-uptime.ts); pages use their language's digits. */
export const formatPercent = formatUptime;
