/**
 * A percentage kept to 3 decimals, rounded down: 10 s of downtime in a month shows 99.999, never 100.000, so a
 * breach never rounds up into compliance. The small epsilon keeps exact values (99.95 held as 99.94999…) intact.
 */
export function roundDownPercent(percent: number): number {
  return Math.floor(percent * 1000 + 1e-6) / 1000;
}

/** 100 × (1 − down / counted), rounded down to 3 decimals; null when nothing was counted. */
export function uptimePercent(downMs: number, countedMs: number): number | null {
  if (countedMs <= 0) return null;
  return roundDownPercent(100 * (1 - Math.min(downMs, countedMs) / countedMs));
}
