/** Durations as people write them in config: "250ms", "30s", "5m", "2h", "14d", "1h30m". */

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/** Returns milliseconds, or undefined when the text is not a duration. A bare number means milliseconds. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  }
  return Math.round(total);
}

/** "1d 2h", "30s", "250ms": the largest two units, for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/**
 * A duration in ms as people write it in config, exactly: the largest unit it is a whole number of ("30s", "5m",
 * "90s", "250ms"), so that parseDuration(writtenDuration(ms)) === ms. The admin API shows durations this way.
 */
export function writtenDuration(ms: number): string {
  const whole = Math.round(ms);
  if (whole === 0) return '0s';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const)
    if (whole % size === 0) return `${whole / size}${unit}`;
  return `${whole}ms`;
}
