import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roundDownPercent, uptimePercent } from './uptime-percent.ts';

test('uptime percent: 3 decimals, rounded down, exact values kept', () => {
  const MONTH = 44_640 * 60_000;
  const rows: [number, number, number | null][] = [
    [0, MONTH, 100],
    [10_000, MONTH, 99.999], // 99.99996…: never shown as 100
    [0.0005 * MONTH, MONTH, 99.95], // 99.95 exactly, held as 99.94999… in floating point
    [MONTH, MONTH, 0],
    [2 * MONTH, MONTH, 0],
    [0, 0, null],
  ];
  for (const [down, counted, expected] of rows)
    assert.equal(uptimePercent(down, counted), expected, `${down} / ${counted}`);
  assert.equal(roundDownPercent(99.8655), 99.865);
});
