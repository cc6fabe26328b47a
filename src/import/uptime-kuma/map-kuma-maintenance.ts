import { isValidTimeZone } from '../../domain/maintenance/wall-clock.ts';
import type { KumaMaintenance } from './kuma-data.ts';

export type MappedMaintenance =
  { ok: true; value: Record<string, unknown>; approximations: string[] } | { ok: false; reason: string };

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** "2026-12-01 02:00:00" → "2026-12-01T02:00" (a wall-clock time in the maintenance's time zone). */
function wallClock(date: string): string {
  return date.trim().replace(' ', 'T').slice(0, 16);
}

function minutesOf(time: string | null): number | null {
  const m = /^(\d{1,2}):(\d{2})/.exec(time ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function addMinutes(start: string, minutes: number): string {
  const t = Date.parse(`${start}:00Z`) + minutes * 60_000;
  return new Date(t).toISOString().slice(0, 16);
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/**
 * A Kuma maintenance as a Pharos one on `components`: single windows, recurring ones (every n days, weekdays, days of
 * the month: an RRULE) and cron with a duration. Manual ones (switched by hand) have no schedule to carry.
 */
export function mapKumaMaintenance(m: KumaMaintenance, id: string, components: string[]): MappedMaintenance {
  if (m.strategy === 'manual')
    return { ok: false, reason: 'a manual maintenance is switched by hand: use a component override in Pharos' };
  if (!m.active) return { ok: false, reason: 'inactive in Uptime Kuma' };
  const approximations: string[] = [];
  let timeZone = m.timezone ?? 'UTC';
  if (timeZone === 'SAME_AS_SERVER' || !isValidTimeZone(timeZone)) {
    approximations.push(`time zone ${JSON.stringify(m.timezone)} read as UTC`);
    timeZone = 'UTC';
  }
  const base = {
    id,
    title: m.title.slice(0, 300),
    body: m.description.slice(0, 20_000),
    time_zone: timeZone,
    components,
  };
  if (!m.startDate) return { ok: false, reason: 'no start date' };
  const day = wallClock(m.startDate).slice(0, 10);
  const until = m.endDate ? { until: wallClock(m.endDate) } : {};

  if (m.strategy === 'single') {
    if (!m.endDate) return { ok: false, reason: 'a single window without an end' };
    return { ok: true, value: { ...base, start: wallClock(m.startDate), end: wallClock(m.endDate) }, approximations };
  }
  if (m.strategy === 'cron') {
    if (!m.cron || !m.duration) return { ok: false, reason: 'a cron maintenance without its expression or duration' };
    const start = wallClock(m.startDate);
    return {
      ok: true,
      value: { ...base, start, end: addMinutes(start, m.duration), recurrence: { cron: m.cron.trim(), ...until } },
      approximations,
    };
  }
  const from = minutesOf(m.startTime);
  const to = minutesOf(m.endTime);
  if (from === null || to === null)
    return { ok: false, reason: 'a recurring maintenance without its start and end time' };
  const start = `${day}T${hhmm(from)}`;
  const end = addMinutes(start, to > from ? to - from : to + 24 * 60 - from);
  let rrule: string;
  if (m.strategy === 'recurring-interval') rrule = `FREQ=DAILY;INTERVAL=${Math.max(1, m.intervalDay ?? 1)}`;
  else if (m.strategy === 'recurring-weekday') {
    const days = [...new Set(m.weekdays.filter((d) => d >= 0 && d <= 7).map((d) => DAYS[d]!))];
    if (days.length === 0) return { ok: false, reason: 'a weekly maintenance without weekdays' };
    rrule = `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
  } else if (m.strategy === 'recurring-day-of-month') {
    const days = m.daysOfMonth.map((d) =>
      typeof d === 'string' && /^lastDay/.test(d) ? -Number(d.slice(7) || 1) : Number(d),
    );
    const valid = days.filter((d) => Number.isInteger(d) && d !== 0 && d >= -31 && d <= 31);
    if (valid.length === 0) return { ok: false, reason: 'a monthly maintenance without days' };
    rrule = `FREQ=MONTHLY;BYMONTHDAY=${valid.join(',')}`;
  } else return { ok: false, reason: `strategy "${m.strategy}" is not one Pharos knows` };
  return { ok: true, value: { ...base, start, end, recurrence: { rrule, ...until } }, approximations };
}
