import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RRULE_PERIODS, visitRruleStarts } from './rrule-occurrences.ts';
import { parseRruleText } from './rrule-text.ts';

const at = (iso: string): number => Date.parse(iso);

test('the period budget stops rrule on a rule whose filters never match', () => {
  const starts: number[] = [];
  const completed = visitRruleStarts(
    parseRruleText('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'),
    at('2026-01-01T00:00:00Z'),
    { from: at('2026-01-01T00:00:00Z'), to: at('9000-01-01T00:00:00Z') },
    (s) => starts.push(s) > 0,
  );
  assert.equal(completed, false);
  assert.deepEqual(starts, []);
  assert.ok(MAX_RRULE_PERIODS >= 10_000, 'a daily rule matching once in decades still gets through');
});

test('a matching rule finishes within the budget and stops when visit says so', () => {
  const starts: string[] = [];
  const completed = visitRruleStarts(
    parseRruleText('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'),
    at('2024-02-29T03:00:00Z'),
    { from: at('2024-01-01T00:00:00Z'), to: at('2040-01-01T00:00:00Z') },
    (s) => starts.push(new Date(s).toISOString()) < 3,
  );
  assert.equal(completed, true);
  assert.deepEqual(starts, ['2024-02-29T03:00:00.000Z', '2028-02-29T03:00:00.000Z', '2032-02-29T03:00:00.000Z']);
});
