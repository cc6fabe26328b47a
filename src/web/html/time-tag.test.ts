import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeRange } from './time-range.ts';
import { formatPercent, monthTitle, timeTag, utcText } from './time-tag.ts';

const AT = Date.UTC(2026, 10, 5, 9, 7, 30);

test('utcText writes UTC in every style', () => {
  assert.equal(utcText(AT), 'Nov 5, 2026, 09:07 UTC');
  assert.equal(utcText(AT, 'time'), '09:07 UTC');
  assert.equal(utcText(AT, 'monthDay'), 'Nov 5');
  assert.equal(utcText(AT, 'date'), 'Nov 5, 2026');
});

test('timeTag carries the ISO instant and, for short styles, the format hint for pharos.js', () => {
  assert.equal(timeTag(AT).text, '<time datetime="2026-11-05T09:07:30.000Z">Nov 5, 2026, 09:07 UTC</time>');
  assert.equal(
    timeTag(Date.UTC(2026, 10, 5, 9, 7)).text,
    '<time datetime="2026-11-05T09:07Z">Nov 5, 2026, 09:07 UTC</time>',
  );
  assert.equal(timeTag(AT, 'date').text, '<time datetime="2026-11-05">Nov 5, 2026</time>');
  assert.match(timeTag(AT, 'time').text, /data-f="t"/);
  assert.match(timeTag(AT, 'monthDay').text, /data-f="md"/);
});

test('timeRange drops the end date on the same UTC day', () => {
  assert.match(timeRange(AT, AT + 3_600_000).text, /– <time datetime="[^"]+" data-f="t">10:07 UTC<\/time>$/);
  assert.match(timeRange(AT, AT + 86_400_000).text, /– <time datetime="[^"]+">Nov 6, 2026, 09:07 UTC<\/time>$/);
});

test('formatPercent floors to two decimals so that an imperfect day never reads 100 %', () => {
  const rows: [number, string][] = [
    [1, '100.00 %'],
    [0.99999, '99.99 %'],
    [0.9986, '99.86 %'],
    [0.5, '50.00 %'],
    [0, '0.00 %'],
  ];
  for (const [f, expected] of rows) assert.equal(formatPercent(f), expected, String(f));
});

test('monthTitle names the month', () => {
  assert.equal(monthTitle('2026-11'), 'November 2026');
  assert.equal(monthTitle('2027-01'), 'January 2027');
});
