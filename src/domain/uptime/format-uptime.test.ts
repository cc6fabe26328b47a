import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { formatUptime, UPTIME_FORMAT_SCRIPT } from './format-uptime.ts';

const ROWS: [number, string][] = [
  [1, '100.00 %'],
  [0.99999, '99.99 %'],
  [0.9995, '99.95 %'],
  [0.9991, '99.91 %'],
  [8 / 11, '72.72 %'],
  [0.8, '80.00 %'],
  [0.5, '50.00 %'],
  [0, '0.00 %'],
  [1.2, '100.00 %'],
  [-0.1, '0.00 %'],
];

test('two decimals, floored, one space before %', () => {
  for (const [fraction, text] of ROWS) assert.equal(formatUptime(fraction), text, String(fraction));
});

test('the browser gets the very same function', () => {
  const window: { PharosUptime?: (f: number) => string } = {};
  runInNewContext(UPTIME_FORMAT_SCRIPT, { window });
  for (const [fraction, text] of ROWS) assert.equal(window.PharosUptime!(fraction), text, String(fraction));
});
