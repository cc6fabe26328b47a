/** shields.io's named badge colours. */
export const BADGE_COLORS = {
  brightgreen: '#4c1',
  green: '#97ca00',
  yellowgreen: '#a4a61d',
  yellow: '#dfb317',
  orange: '#fe7d37',
  red: '#e05d44',
  blue: '#007ec6',
  grey: '#9f9f9f',
  label: '#555',
} as const;

/** Uptime thresholds as shields.io colours uptime badges, on the percentage shown. */
export function uptimeColor(percent: number): string {
  if (percent >= 99.9) return BADGE_COLORS.brightgreen;
  if (percent >= 99) return BADGE_COLORS.green;
  if (percent >= 97) return BADGE_COLORS.yellowgreen;
  if (percent >= 95) return BADGE_COLORS.yellow;
  if (percent >= 90) return BADGE_COLORS.orange;
  return BADGE_COLORS.red;
}

/** Response time thresholds (ms): what a visitor starts to feel. */
export function responseTimeColor(ms: number): string {
  if (ms < 200) return BADGE_COLORS.brightgreen;
  if (ms < 500) return BADGE_COLORS.green;
  if (ms < 1000) return BADGE_COLORS.yellow;
  if (ms < 2000) return BADGE_COLORS.orange;
  return BADGE_COLORS.red;
}

/**
 * Whether text on `color` should be dark, by perceived brightness (as shields.io decides). Only hex colours are
 * understood; anything else keeps white text.
 */
export function wantsDarkText(color: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return false;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return (r! * 299 + g! * 587 + b! * 114) / 255_000 > 0.69;
}
