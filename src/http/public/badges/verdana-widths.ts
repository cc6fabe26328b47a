/**
 * Advance widths of Verdana at 11px, the font shields.io measures badge text with, for printable ASCII.
 * Close enough that text fits its box; characters outside the table take a generous default.
 */
const ASCII_WIDTHS: Record<string, number> = {
  ' ': 3.87,
  '!': 4.33,
  '"': 5.03,
  '#': 9.0,
  $: 7.0,
  '%': 11.84,
  '&': 7.99,
  "'": 2.95,
  '(': 4.99,
  ')': 4.99,
  '*': 7.0,
  '+': 9.0,
  ',': 4.0,
  '-': 4.99,
  '.': 4.0,
  '/': 4.99,
  ':': 4.99,
  ';': 4.99,
  '<': 9.0,
  '=': 9.0,
  '>': 9.0,
  '?': 6.0,
  '@': 11.0,
  '[': 4.99,
  '\\': 4.99,
  ']': 4.99,
  '^': 9.0,
  _: 7.0,
  '`': 7.0,
  '{': 6.98,
  '|': 4.99,
  '}': 6.98,
  '~': 9.0,
  A: 7.52,
  B: 7.54,
  C: 7.68,
  D: 8.48,
  E: 6.96,
  F: 6.32,
  G: 8.53,
  H: 8.27,
  I: 4.63,
  J: 5.0,
  K: 7.62,
  L: 6.12,
  M: 9.27,
  N: 8.23,
  O: 8.66,
  P: 6.63,
  Q: 8.66,
  R: 7.65,
  S: 7.52,
  T: 6.78,
  U: 8.05,
  V: 7.52,
  W: 10.88,
  X: 7.54,
  Y: 6.77,
  Z: 7.54,
  a: 6.61,
  b: 6.83,
  c: 5.73,
  d: 6.83,
  e: 6.55,
  f: 3.78,
  g: 6.83,
  h: 6.96,
  i: 3.02,
  j: 3.78,
  k: 6.51,
  l: 3.02,
  m: 10.7,
  n: 6.96,
  o: 6.68,
  p: 6.83,
  q: 6.83,
  r: 4.69,
  s: 5.73,
  t: 4.33,
  u: 6.96,
  v: 6.51,
  w: 8.98,
  x: 6.51,
  y: 6.51,
  z: 5.83,
};
for (let d = 0; d <= 9; d++) ASCII_WIDTHS[String(d)] = 7.0;

/** Latin letters with accents and most other scripts are about as wide as an average capital. */
const DEFAULT_WIDTH = 7.6;
/** CJK, Hangul, full-width forms and emoji take a full em. */
const WIDE_WIDTH = 11;

function charWidth(char: string): number {
  const known = ASCII_WIDTHS[char];
  if (known !== undefined) return known;
  const code = char.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x300 && code < 0x370)) return 0; // controls, combining marks
  return code >= 0x1100 ? WIDE_WIDTH : DEFAULT_WIDTH;
}

/** The width of `text` in Verdana 11px, rounded up to a whole pixel. */
export function verdanaWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return Math.ceil(width);
}
