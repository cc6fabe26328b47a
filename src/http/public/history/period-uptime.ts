import type { Rollup } from '../../../store/store.ts';
import type { UptimePeriod } from '../status-model.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Uptime over 24 h (hourly rollups) and 7/30/90 days (daily rollups, today included), across a component's monitors. */
export function periodUptime(
  now: number,
  hourly: readonly Rollup[],
  daily: readonly Rollup[],
): Record<UptimePeriod, number | null> {
  const thisHour = Math.floor(now / HOUR) * HOUR;
  const today = Math.floor(now / DAY) * DAY;
  return {
    '24h': ratio(hourly.filter((r) => r.bucketStart > thisHour - 24 * HOUR)),
    '7d': ratio(daily.filter((r) => r.bucketStart > today - 7 * DAY)),
    '30d': ratio(daily.filter((r) => r.bucketStart > today - 30 * DAY)),
    '90d': ratio(daily.filter((r) => r.bucketStart > today - 90 * DAY)),
  };
}

function ratio(rows: readonly Rollup[]): number | null {
  let counted = 0;
  let failures = 0;
  for (const r of rows) {
    counted += r.checks - r.maintenance;
    failures += r.failures;
  }
  return counted > 0 ? (counted - failures) / counted : null;
}
