import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monthPeriod, MonthPeriodError, type MonthPeriodErrorCode } from './month-period.ts';

test('month edges are midnights in the time zone', () => {
  const rows: [string, string | undefined, string, string][] = [
    ['2026-10', undefined, '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['2026-12', 'UTC', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02', 'UTC', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
    // summer time ends on 25 October: the month is 31 days and one hour long
    ['2026-10', 'Europe/Paris', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
    ['2026-03', 'America/New_York', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
    ['2026-01', 'Asia/Kolkata', '2025-12-31T18:30:00.000Z', '2026-01-31T18:30:00.000Z'],
  ];
  for (const [month, zone, from, to] of rows) {
    const p = monthPeriod(month, zone);
    assert.deepEqual([new Date(p.from).toISOString(), new Date(p.to).toISOString()], [from, to], `${month} ${zone}`);
    assert.equal(p.timeZone, zone ?? 'UTC');
    assert.equal(p.month, month);
  }
});

test('bad months, unknown zones and future months are refused with a code', () => {
  const now = Date.UTC(2026, 9, 15);
  const rows: [string, string, MonthPeriodErrorCode][] = [
    ['2026-13', 'UTC', 'invalid_month'],
    ['2026-1', 'UTC', 'invalid_month'],
    ['2026-10-01', 'UTC', 'invalid_month'],
    [' 2026-10', 'UTC', 'invalid_month'],
    ['1969-12', 'UTC', 'invalid_month'],
    ['', 'UTC', 'invalid_month'],
    ['2026-10', 'Mars/Olympus', 'invalid_time_zone'],
    ['2026-11', 'UTC', 'future_month'],
    ['2027-01', 'UTC', 'future_month'],
  ];
  for (const [month, zone, code] of rows) {
    assert.throws(
      () => monthPeriod(month, zone, now),
      (e: unknown) => e instanceof MonthPeriodError && e.code === code && e.message.length > 0,
      `${month} ${zone}`,
    );
  }
});

test('the current month is allowed, judged in the time zone', () => {
  const now = Date.UTC(2026, 9, 31, 23, 30); // already November in Paris
  assert.equal(monthPeriod('2026-10', 'UTC', now).month, '2026-10');
  assert.equal(monthPeriod('2026-11', 'Europe/Paris', now).month, '2026-11');
  assert.throws(() => monthPeriod('2026-11', 'UTC', now), /has not started yet in UTC/);
});
