import rrulePkg, { type Frequency, type Options } from 'rrule';
import type { RruleFrequency, RruleParts } from './rrule-text.ts';

const { RRule, Weekday } = rrulePkg;

/**
 * Floating starts (see wall-clock.ts) of an RRULE. The rrule package is used on floating UTC dates only
 * (its tzid support depends on the host's zone data and mishandles DST); DST is dealt with afterwards.
 */

const DAY = 86_400_000;
const FREQUENCY: Record<RruleFrequency, Frequency> = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
};

/**
 * rrule walks period by period until a date passes the BY* filters, as far as the year 9999: a rule whose
 * filters rarely or never match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) would block the event loop for
 * seconds. Its loop reads options.interval once per period and stops when it is 0, so a getter that turns
 * 0 after this many periods bounds the walk (rrule is pinned at 2.8.1; a test covers this).
 */
export const MAX_RRULE_PERIODS = 20_000;

export interface FloatingRange {
  /** floating ms, inclusive */
  from: number;
  to: number;
}

/**
 * Visit the rule's floating starts within `range`, in order, until `visit` returns false. `dtstart` is
 * floating ms; UNTIL is left to the caller, which knows the time zone. Returns false when the period
 * budget ran out first.
 */
export function visitRruleStarts(
  parts: RruleParts,
  dtstart: number,
  range: FloatingRange,
  visit: (floating: number) => boolean,
): boolean {
  const pinned = pinnedOptions(parts, new Date(dtstart));
  const start = parts.count === null ? advancedStart(parts, dtstart, range.from) : dtstart;
  const rule = new RRule({ ...pinned, dtstart: new Date(start) }, true);
  let reads = 0;
  const budget = 2 * MAX_RRULE_PERIODS + 1; // one read before the loop, two per period
  const exhausted = (): boolean => reads > budget;
  Object.defineProperty(rule.options, 'interval', {
    get: () => (++reads > budget ? 0 : parts.interval),
  });
  rule.between(new Date(range.from), new Date(range.to), true, (date) => !exhausted() && visit(date.getTime()));
  return !exhausted();
}

/** The options with the defaults rrule would take from DTSTART spelled out, so that DTSTART can move. */
function pinnedOptions(parts: RruleParts, dtstart: Date): Partial<Options> {
  const { freq } = parts;
  const noDayFilter = !parts.byweekno && !parts.byyearday && !parts.bymonthday && !parts.byweekday;
  return {
    freq: FREQUENCY[freq],
    interval: parts.interval,
    count: parts.count,
    wkst: parts.wkst,
    bymonth: parts.bymonth ?? (freq === 'YEARLY' && noDayFilter ? [dtstart.getUTCMonth() + 1] : null),
    bymonthday:
      parts.bymonthday ?? ((freq === 'YEARLY' || freq === 'MONTHLY') && noDayFilter ? [dtstart.getUTCDate()] : null),
    byweekday:
      parts.byweekday?.map((d) => new Weekday(d.weekday, d.n)) ??
      (freq === 'WEEKLY' && noDayFilter ? [(dtstart.getUTCDay() + 6) % 7] : null),
    byyearday: parts.byyearday,
    byweekno: parts.byweekno,
    bysetpos: parts.bysetpos,
    byhour: parts.byhour ?? [dtstart.getUTCHours()],
    byminute: parts.byminute ?? [dtstart.getUTCMinutes()],
    bysecond: [dtstart.getUTCSeconds()],
  };
}

/**
 * A DTSTART moved forward by whole multiples of INTERVAL periods, one such step short of `searchFrom`, so
 * that rrule does not walk years of past occurrences. Only without COUNT, which needs every occurrence.
 * The dates the move drops lie in the first period, before `searchFrom`.
 */
function advancedStart(parts: RruleParts, dtstart: number, searchFrom: number): number {
  const from = new Date(searchFrom);
  const start = new Date(dtstart);
  let periods: number;
  if (parts.freq === 'YEARLY') periods = from.getUTCFullYear() - start.getUTCFullYear();
  else if (parts.freq === 'MONTHLY')
    periods = (from.getUTCFullYear() - start.getUTCFullYear()) * 12 + from.getUTCMonth() - start.getUTCMonth();
  else periods = Math.floor((searchFrom - dtstart) / periodMs(parts.freq));
  const steps = Math.floor(periods / parts.interval) - 1;
  if (steps <= 0) return dtstart;
  const k = steps * parts.interval;
  const ms = start.getUTCMilliseconds();
  if (parts.freq === 'YEARLY') return Date.UTC(start.getUTCFullYear() + k, 0, 1, 0, 0, 0, ms);
  if (parts.freq === 'MONTHLY') return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 1, 0, 0, 0, ms);
  return dtstart + k * periodMs(parts.freq);
}

/** WEEKLY or DAILY; YEARLY and MONTHLY move by the calendar instead. */
function periodMs(freq: RruleFrequency): number {
  return freq === 'WEEKLY' ? 7 * DAY : DAY;
}
