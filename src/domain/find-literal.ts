/**
 * Substring search in time linear in the text, whatever the needle: Knuth–Morris–Pratt.
 * String.prototype.indexOf and includes are not: V8 takes seconds on 10 MB for a needle such as a…ab a…a, and
 * needles come from users (conditions, TCP `expect`) while the text comes from the monitored server.
 */
export function findLiteral(needle: string, text: string, from = 0, limit = text.length): number {
  const n = needle.length;
  if (n === 0) return from <= limit ? from : -1;
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = needle.charCodeAt(i);
  const fallback = new Int32Array(n);
  for (let i = 1, k = 0; i < n; i++) {
    while (k > 0 && units[i] !== units[k]) k = fallback[k - 1]!;
    if (units[i] === units[k]) k++;
    fallback[i] = k;
  }
  for (let i = from, k = 0; i < limit; i++) {
    const unit = text.charCodeAt(i);
    while (k > 0 && unit !== units[k]) k = fallback[k - 1]!;
    if (unit === units[k]) k++;
    if (k === n) return i + 1 - n;
  }
  return -1;
}

export function includesLiteral(text: string, needle: string): boolean {
  return findLiteral(needle, text) >= 0;
}
