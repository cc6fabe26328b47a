import { DateTime } from 'luxon';

/** Why a month could not be turned into a reporting period; the HTTP edge maps every code to 400 (src/http/admin/admin-error-status.ts). */
export const MONTH_PERIOD_ERROR_CODES = ['invalid_month', 'invalid_time_zone', 'future_month'] as const;
export type MonthPeriodErrorCode = (typeof MONTH_PERIOD_ERROR_CODES)[number];

export class MonthPeriodError extends Error {
  constructor(
    readonly code: MonthPeriodErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MonthPeriodError';
  }
}

/** A calendar month in a time zone: [from, to) in ms since epoch. */
export interface MonthPeriod {
  /** YYYY-MM */
  month: string;
  /** IANA name (or UTC) the month's edges are midnight in */
  timeZone: string;
  from: number;
  to: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * '2026-10' in Europe/Paris → [2026-10-01T00:00+02:00, 2026-11-01T00:00+01:00). DST makes months in a zone
 * differ from UTC months by an hour or so, which is why the zone is part of the period.
 * When `now` is given, months after the one containing `now` (in that zone) are refused; the current month is allowed.
 */
export function monthPeriod(month: string, timeZone = 'UTC', now?: number): MonthPeriod {
  const m = MONTH.exec(month);
  if (!m || Number(m[1]) < 1970)
    throw new MonthPeriodError('invalid_month', `month must look like 2026-10 (YYYY-MM, from 1970), got "${month}"`);
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone: timeZone });
  if (!start.isValid)
    throw new MonthPeriodError(
      'invalid_time_zone',
      `unknown time zone "${timeZone}" (use an IANA name such as Europe/Paris, or UTC)`,
    );
  if (now !== undefined) {
    const current = DateTime.fromMillis(now, { zone: timeZone }).startOf('month');
    if (start > current)
      throw new MonthPeriodError(
        'future_month',
        `${month} has not started yet in ${timeZone} (the latest month is ${current.toFormat('yyyy-MM')})`,
      );
  }
  return { month, timeZone, from: start.toMillis(), to: start.plus({ months: 1 }).toMillis() };
}
