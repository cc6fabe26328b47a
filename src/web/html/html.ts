/**
 * Escape-by-default HTML templating: every interpolated string is escaped unless it is already `Html`.
 * Only sanitised Markdown output and the operator's own CSS are wrapped with `trustedHtml`.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function partText(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(partText).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlPart[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += partText(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Marks text that is already safe HTML (sanitised Markdown, markup built from escaped parts). */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

/** An element id from any string: characters outside [A-Za-z0-9_-] are encoded, so distinct inputs stay distinct. */
export function domId(prefix: string, raw: string): string {
  return `${prefix}-${raw.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(36)}`)}`;
}
