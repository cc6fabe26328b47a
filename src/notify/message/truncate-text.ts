/** `text` cut to at most `max` characters (code points, so no emoji is split), ending in "…" when cut. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** `text` cut to at most `maxBytes` bytes of UTF-8 on a code point boundary, ending in "…" when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 3; // the ellipsis
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    out += ch;
  }
  return `${out}…`;
}
