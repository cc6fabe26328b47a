import { html, type Html } from './html.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * How a `<time>` reads. The server writes UTC; pharos.js rewrites 'datetime', 'time' and 'monthDay'
 * in the viewer's zone, and leaves 'date' alone (a UTC day stays a UTC day).
 */
export type TimeStyle = 'datetime' | 'time' | 'monthDay' | 'date';

const pad = (n: number): string => String(n).padStart(2, '0');

/** "Nov 25, 2026, 12:00 UTC" and its shorter forms, independent of the server's locale. */
export function utcText(ms: number, style: TimeStyle = 'datetime'): string {
  const d = new Date(ms);
  const date = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  switch (style) {
    case 'datetime':
      return `${date}, ${time} UTC`;
    case 'time':
      return `${time} UTC`;
    case 'monthDay':
      return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
    case 'date':
      return date;
  }
}

const STYLE_ATTR: Record<TimeStyle, string> = { datetime: '', time: 't', monthDay: 'md', date: '' };

/** `<time datetime="ISO">UTC text</time>`; date-only values carry a plain YYYY-MM-DD datetime. */
export function timeTag(ms: number, style: TimeStyle = 'datetime'): Html {
  const iso = new Date(ms).toISOString().replace(/:00\.000Z$/, 'Z');
  const datetime = style === 'date' ? iso.slice(0, 10) : iso;
  const f = STYLE_ATTR[style];
  return f
    ? html`<time datetime="${datetime}" data-f="${f}">${utcText(ms, style)}</time>`
    : html`<time datetime="${datetime}">${utcText(ms, style)}</time>`;
}

/** "November 2026" for "2026-11". */
export function monthTitle(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? ''} ${year ?? ''}`;
}

/** "99.86 %": floored to two decimals so that an imperfect day never reads as 100 %. */
export function formatPercent(fraction: number): string {
  if (fraction >= 1) return '100 %';
  return `${(Math.floor(fraction * 10_000) / 100).toFixed(2)} %`;
}
