/**
 * The one way Pharos writes an uptime, wherever it appears (public page, admin, badges, feeds, mails): a fraction
 * 0–1 as a percentage with two decimals and a space, "99.95 %", floored so that an imperfect period never reads
 * 100.00 % (the epsilon absorbs float noise: 0.9991 × 10000 = 9990.9999…). Self-contained on purpose: the browser
 * scripts get this very function's source (UPTIME_FORMAT_SCRIPT), so the admin cannot drift from the server.
 */
export function formatUptime(fraction: number): string {
  const hundredths = Math.floor(Math.min(Math.max(fraction, 0), 1) * 10000 + 1e-6);
  return (hundredths / 100).toFixed(2) + ' %';
}

/** A classic script defining `window.PharosUptime` as formatUptime (put first in the admin bundle). */
export const UPTIME_FORMAT_SCRIPT = `window.PharosUptime = ${formatUptime.toString()};\n`;
