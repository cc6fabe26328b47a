import type { LocaleFormats } from '../../i18n/locale-formats.ts';
import { html, type Html } from './html.ts';
import { timeTag } from './time-tag.ts';

/** "Nov 25, 2026, 11:00 UTC – 13:00 UTC": the end keeps its date only when it falls on another UTC day. */
export function timeRange(start: number, end: number, formats?: LocaleFormats): Html {
  const sameDay = new Date(start).toISOString().slice(0, 10) === new Date(end).toISOString().slice(0, 10);
  return html`${timeTag(start, 'datetime', formats)} – ${timeTag(end, sameDay ? 'time' : 'datetime', formats)}`;
}
