import type { EventDescription } from '../message/describe-event.ts';

/** Telegram's HTML parse mode knows only &lt; &gt; &amp; &quot;; everything from an event goes through this. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Telegram refuses a text over 4096 characters (after entities are parsed); these caps keep any event well below.
const CAPS = { title: 256, summary: 2500, label: 60, value: 300, facts: 8 };

/** The message in the tags Telegram allows: the title in bold, the summary, the facts, a link (pure). */
export function renderTelegramHtml(d: EventDescription): string {
  const facts = d.facts
    .slice(0, CAPS.facts)
    .map(([k, v]) => `<b>${escapeTelegramHtml(cut(k, CAPS.label))}:</b> ${escapeTelegramHtml(cut(v, CAPS.value))}`);
  return [
    `<b>${escapeTelegramHtml(cut(d.title, CAPS.title))}</b>`,
    escapeTelegramHtml(cut(d.summary, CAPS.summary)),
    '',
    ...facts,
    ...(facts.length ? [''] : []),
    `<a href="${escapeTelegramHtml(d.url)}">Open in Pharos</a>`,
  ].join('\n');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
