import { IANAZone } from 'luxon';

/**
 * Wall-clock times in an IANA time zone, kept as "floating" ms: a number whose UTC fields are the local
 * date and time. Recurrence rules are expanded on floating times (no DST there), then turned into instants,
 * so a weekly 02:30 stays 02:30 local across DST changes.
 */

const HOUR = 3_600_000;

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

function zoneOf(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`unknown time zone "${name}"`);
  return zone;
}

/** The wall clock of `instant` in `timeZone`, as floating ms. */
export function floatingOf(instant: number, timeZone: string): number {
  return instant + zoneOf(timeZone).offset(instant) * 60_000;
}

/**
 * The instant a wall-clock time in `timeZone` denotes, as RFC 5545 (3.3.5) reads it: a time that occurs
 * twice (autumn) is the first one; a time that does not occur (spring gap) uses the offset before the gap,
 * so 02:30 on a day that jumps from 02:00 to 03:00 is 03:30 of the new offset.
 */
export function instantOf(floating: number, timeZone: string): number {
  const zone = zoneOf(timeZone);
  // Offsets change at most once within a day around a wall-clock time in every real zone.
  const before = zone.offset(floating - 24 * HOUR);
  const after = zone.offset(floating + 24 * HOUR);
  if (before === after) return floating - before * 60_000;
  const valid = [before, after].map((o) => floating - o * 60_000).filter((t) => floatingOf(t, timeZone) === floating);
  return valid.length > 0 ? Math.min(...valid) : floating - before * 60_000;
}

/** The floating span holding every wall-clock time whose instant lies in [from, to] (DST moves the edges). */
export function floatingSpanOf(from: number, to: number, timeZone: string): { from: number; to: number } {
  const zone = zoneOf(timeZone);
  const offsets = (t: number): number[] => [t - 24 * HOUR, t, t + 24 * HOUR].map((u) => zone.offset(u) * 60_000);
  return { from: from + Math.min(...offsets(from)), to: to + Math.max(...offsets(to)) };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** "2026-12-01T02:00" (wall clock in `timeZone`) or with an offset ("…Z", "…+01:00") to ms since epoch; NaN when malformed. */
export function parseMaintenanceDateTime(text: string, timeZone: string): number {
  const m = DATE_TIME.exec(text);
  if (!m) return NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const floating = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(floating).getUTCDate() !== day) return NaN; // 2026-02-30
  const offset = m[8];
  if (offset === undefined) return isValidTimeZone(timeZone) ? instantOf(floating, timeZone) : NaN;
  if (offset === 'Z') return floating;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [oh, om] = offset.slice(1).split(':').map(Number) as [number, number];
  if (oh > 23 || om > 59) return NaN;
  return floating - sign * (oh * 60 + om) * 60_000;
}
