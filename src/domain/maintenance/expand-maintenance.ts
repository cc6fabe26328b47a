import type { MaintenanceWindow } from '../maintenance-windows.ts';
import type { MaintenanceDefinition } from './maintenance-definition.ts';
import { compileCron, visitCronStarts } from './cron-recurrence.ts';
import { occurrenceId } from './occurrence-id.ts';
import { visitRruleStarts } from './rrule-occurrences.ts';
import { parseRruleText, type RruleUntil } from './rrule-text.ts';
import { floatingOf, floatingSpanOf, instantOf, parseMaintenanceDateTime } from './wall-clock.ts';

/** At most this many windows per definition and call, so that a minutely cron cannot flood anyone. */
export const MAX_OCCURRENCES = 500;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The windows of one maintenance definition that overlap [from, to), earliest first, at most `cap`.
 * A one-off definition gives its own window under its own id; a recurring one gives one window per
 * occurrence, each lasting end - start, named by occurrenceId. Occurrences start at or after `start`
 * (RRULE: DTSTART is `start`, counted only when it matches the rule) and not after `recurrence.until`.
 */
export function expandMaintenance(
  def: MaintenanceDefinition,
  from: number,
  to: number,
  cap = MAX_OCCURRENCES,
): MaintenanceWindow[] {
  const start = parseMaintenanceDateTime(def.start, def.time_zone);
  const end = parseMaintenanceDateTime(def.end, def.time_zone);
  if (!(end > start) || !(to > from) || cap < 1) return [];
  const windowAt = (s: number, id: string): MaintenanceWindow => ({
    id,
    title: def.title,
    body: def.body,
    start: s,
    end: s + end - start,
    componentIds: def.components,
  });
  if (def.recurrence === undefined) return start < to && end > from ? [windowAt(start, def.id)] : [];
  return recurringStarts(def, start, end - start, from, to, cap).map((s) => windowAt(s, occurrenceId(def.id, s)));
}

function recurringStarts(
  def: MaintenanceDefinition,
  start: number,
  duration: number,
  from: number,
  to: number,
  cap: number,
): number[] {
  const zone = def.time_zone;
  const recurrence = def.recurrence!;
  if (recurrence.rrule === undefined && recurrence.cron === undefined) return [];
  const rrule = recurrence.rrule === undefined ? undefined : parseRruleText(recurrence.rrule);
  const untils = [
    recurrence.until === undefined ? Infinity : parseMaintenanceDateTime(recurrence.until, zone),
    rrule?.until ? untilInstant(rrule.until, zone) : Infinity,
  ];
  // An occurrence starting at s overlaps [from, to) when from - duration < s < to.
  const lo = Math.max(start, from - duration + 1);
  const hi = Math.min(to - 1, ...untils);
  if (lo > hi) return [];
  const found: number[] = [];
  // Collect a little past the cap: inside a spring-forward gap, later wall-clock times can be earlier instants.
  let stopAfter = Infinity;
  const visit = (floating: number): boolean => {
    const s = instantOf(floating, zone);
    if (s >= lo && s <= hi) found.push(s);
    if (found.length === cap && stopAfter === Infinity) stopAfter = floating + 3 * HOUR;
    return floating <= stopAfter;
  };
  const span = floatingSpanOf(lo, hi, zone);
  if (rrule) visitRruleStarts(rrule, floatingOf(start, zone), span, visit);
  else visitCronStarts(compileCron(recurrence.cron!), span, 2 * cap + 1000, visit);
  return [...new Set(found)].sort((a, b) => a - b).slice(0, cap);
}

/** RFC 5545 UNTIL: an instant with Z; otherwise a wall-clock time, or a whole day (inclusive), in the zone. */
function untilInstant(until: RruleUntil, zone: string): number {
  if (until.kind === 'utc') return until.ms;
  if (until.kind === 'local') return instantOf(until.ms, zone);
  return instantOf(until.ms + DAY, zone) - 1;
}
