import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocaleFormats } from './locale-formats.ts';

const AT = Date.UTC(2026, 10, 5, 9, 7, 30);
const en = new LocaleFormats('en');
const de = new LocaleFormats('de');
const ja = new LocaleFormats('ja');
const ar = new LocaleFormats('ar');

test('times are UTC in the language', () => {
  const rows: [LocaleFormats, string][] = [
    [en, 'Nov 5, 2026, 09:07 UTC'],
    [de, '5. Nov. 2026, 09:07 UTC'],
    [ja, '2026年11月5日 09:07 UTC'],
  ];
  for (const [f, expected] of rows) assert.equal(f.time(AT), expected, f.locale);
  assert.equal(de.month('2026-11'), 'November 2026');
  assert.equal(ja.month('2026-01'), '2026年1月');
});

test('uptime keeps "two decimals, rounded down, never 100.00 for an imperfect period" with the language digits', () => {
  const rows: [LocaleFormats, number, string][] = [
    [en, 1, '100.00'],
    [en, 0.99999, '99.99'],
    [en, 0.9991, '99.91'],
    [de, 0.99999, '99,99'],
    [de, 0.5, '50,00'],
    [ja, 0.9986, '99.86'],
    [de, 1.5, '100,00'],
    [de, -1, '0,00'],
  ];
  for (const [f, fraction, expected] of rows)
    assert.equal(f.uptimeNumber(fraction), expected, `${f.locale} ${fraction}`);
});

test('durations keep the largest two units; English stays compact', () => {
  assert.equal(en.duration(26 * 3_600_000 + 5 * 60_000), '1d 2h');
  assert.equal(en.duration(86_400_000 + 5 * 60_000), '1d 5m');
  assert.equal(en.duration(30_000), '30s');
  assert.equal(en.duration(250), '250ms');
  assert.match(de.duration(3_600_000 + 5 * 60_000), /^1 Std\., 5 Min\.$/);
  assert.ok(ar.duration(3_600_000).length > 0);
});

test('numbers, milliseconds and lists', () => {
  assert.equal(en.milliseconds(1200.4), '1200 ms');
  assert.equal(en.list(['API', 'Web', 'DB']), 'API, Web, DB');
  assert.equal(de.list(['API', 'Web', 'DB']), 'API, Web und DB');
  assert.equal(ja.list(['API', 'Web']), 'API、Web');
});
