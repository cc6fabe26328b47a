/**
 * RFC 5545 RRULE text ("FREQ=WEEKLY;BYDAY=SU;COUNT=10"), checked part by part: the rrule package accepts
 * nonsense such as FREQ=FOO or BYHOUR=99 silently, and a config typo must be an error with a reason.
 * DTSTART and TZID are not part of the text: they come from the window's start and time zone.
 */

export class RecurrenceSyntaxError extends Error {
  override name = 'RecurrenceSyntaxError';
}

/**
 * HOURLY and finer are left out: rrule walks them period by
 * period, which is slow over months; FREQ=DAILY with BYHOUR/BYMINUTE, or cron, says the same.
 */
export const RRULE_FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
export type RruleFrequency = (typeof RRULE_FREQUENCIES)[number];
/** Index = the rrule package's weekday number. */
export const RRULE_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const MAX_RRULE_COUNT = 10_000;
/** BYHOUR values × BYMINUTE values: start times a day, which bounds the dates rrule makes per period. */
export const MAX_STARTS_PER_DAY = 96;
const MAX_INTERVAL = 1000;

const NUMBER_LISTS = {
  BYMONTH: { key: 'bymonth', min: 1, max: 12, signed: false },
  BYMONTHDAY: { key: 'bymonthday', min: 1, max: 31, signed: true },
  BYYEARDAY: { key: 'byyearday', min: 1, max: 366, signed: true },
  BYWEEKNO: { key: 'byweekno', min: 1, max: 53, signed: true },
  BYSETPOS: { key: 'bysetpos', min: 1, max: 366, signed: true },
  BYHOUR: { key: 'byhour', min: 0, max: 23, signed: false },
  BYMINUTE: { key: 'byminute', min: 0, max: 59, signed: false },
} as const;
type NumberListName = keyof typeof NUMBER_LISTS;
type NumberListKey = (typeof NUMBER_LISTS)[NumberListName]['key'];

/** UNTIL as written: an instant ("…Z"), a wall-clock time in the window's time zone, or a whole local day. */
export interface RruleUntil {
  kind: 'utc' | 'local' | 'date';
  /** ms since epoch for 'utc'; floating ms (UTC fields = local fields) otherwise */
  ms: number;
}

export type RruleParts = { [K in NumberListKey]: number[] | null } & {
  freq: RruleFrequency;
  interval: number;
  count: number | null;
  until: RruleUntil | null;
  wkst: number | null;
  byweekday: { weekday: number; n: number | undefined }[] | null;
};

const WEEKDAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const UNTIL = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/** Parse RRULE text; throws RecurrenceSyntaxError saying which part is wrong. */
export function parseRruleText(text: string): RruleParts {
  const body = text
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '')
    .replace(/;$/, '');
  const parts: Omit<RruleParts, 'freq'> & { freq: RruleFrequency | null } = {
    freq: null,
    interval: 1,
    count: null,
    until: null,
    wkst: null,
    byweekday: null,
    bymonth: null,
    bymonthday: null,
    byyearday: null,
    byweekno: null,
    bysetpos: null,
    byhour: null,
    byminute: null,
  };
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const [name = '', value, ...rest] = part.split('=');
    if (value === undefined || value === '' || rest.length > 0) throw fail(`"${part}" is not NAME=VALUE`);
    if (seen.has(name)) throw fail(`${name} appears twice`);
    seen.add(name);
    readPart(parts, name, value);
  }
  const { freq } = parts;
  if (freq === null) throw fail('FREQ is required');
  if (parts.count !== null && parts.until !== null) throw fail('COUNT and UNTIL cannot both be given');
  if (parts.byweekno && freq !== 'YEARLY') throw fail('BYWEEKNO needs FREQ=YEARLY');
  if (parts.bymonthday && freq === 'WEEKLY') throw fail('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  if (parts.byyearday && freq !== 'YEARLY') throw fail('BYYEARDAY needs FREQ=YEARLY');
  if ((parts.byhour?.length ?? 1) * (parts.byminute?.length ?? 1) > MAX_STARTS_PER_DAY)
    throw fail(`BYHOUR × BYMINUTE gives more than ${MAX_STARTS_PER_DAY} start times a day`);
  if (parts.byweekday?.some((d) => d.n !== undefined) && freq !== 'MONTHLY' && freq !== 'YEARLY')
    throw fail('BYDAY with a number (e.g. 1SU) needs FREQ=MONTHLY or YEARLY');
  return { ...parts, freq };
}

function readPart(
  parts: Omit<RruleParts, 'freq'> & { freq: RruleFrequency | null },
  name: string,
  value: string,
): void {
  if (name === 'FREQ') {
    if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(value))
      throw fail(`FREQ=${value} is not supported: use FREQ=DAILY with BYHOUR/BYMINUTE, or a cron expression`);
    if (!(RRULE_FREQUENCIES as readonly string[]).includes(value))
      throw fail(`FREQ must be one of ${RRULE_FREQUENCIES.join(', ')}`);
    parts.freq = value as RruleFrequency;
  } else if (name === 'INTERVAL') parts.interval = integer(name, value, 1, MAX_INTERVAL);
  else if (name === 'COUNT') parts.count = integer(name, value, 1, MAX_RRULE_COUNT);
  else if (name === 'UNTIL') parts.until = until(value);
  else if (name === 'WKST') parts.wkst = weekday(name, value).weekday;
  else if (name === 'BYDAY') parts.byweekday = value.split(',').map((v) => weekday(name, v));
  else if (name in NUMBER_LISTS) {
    const spec = NUMBER_LISTS[name as NumberListName];
    parts[spec.key] = value.split(',').map((v) => listNumber(name, v, spec.min, spec.max, spec.signed));
  } else if (name === 'DTSTART' || name === 'TZID')
    throw fail(`${name} is not allowed: the window's start and time_zone give it`);
  else if (name === 'BYSECOND') throw fail('BYSECOND is not supported: maintenance windows have minute precision');
  else throw fail(`unknown part ${name}`);
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw fail(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

function listNumber(name: string, value: string, min: number, max: number, signed: boolean): number {
  const n = /^[+-]?\d{1,3}$/.test(value) ? Number(value) : NaN;
  const size = signed ? Math.abs(n) : n;
  if (!(size >= min && size <= max) || (!signed && value.startsWith('-'))) {
    throw fail(
      `${name} values must be ${signed ? `from ${min} to ${max} or -${max} to -${min}` : `from ${min} to ${max}`}, got "${value}"`,
    );
  }
  return n;
}

function weekday(name: string, value: string): { weekday: number; n: number | undefined } {
  const m = WEEKDAY.exec(value);
  const n = m?.[1] === undefined ? undefined : Number(m[1]);
  if (!m || n === 0 || (n !== undefined && Math.abs(n) > 53) || (name === 'WKST' && n !== undefined)) {
    throw fail(
      `${name} value "${value}" is not a weekday (${RRULE_WEEKDAYS.join(', ')}${name === 'BYDAY' ? ', optionally numbered as in 1SU or -1FR' : ''})`,
    );
  }
  return { weekday: RRULE_WEEKDAYS.indexOf(m[2] as (typeof RRULE_WEEKDAYS)[number]), n };
}

function until(value: string): RruleUntil {
  const m = UNTIL.exec(value);
  if (!m) throw fail('UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSS[Z]');
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    throw fail(`UNTIL "${value}" is not a valid date`);
  return { kind: m[4] === undefined ? 'date' : m[7] ? 'utc' : 'local', ms };
}

function fail(reason: string): RecurrenceSyntaxError {
  return new RecurrenceSyntaxError(reason);
}
