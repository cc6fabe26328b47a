import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration, writtenDuration } from './duration.ts';

test('writtenDuration: the largest whole unit, and it parses back to the same ms', () => {
  const rows: [number, string][] = [
    [0, '0s'],
    [250, '250ms'],
    [1500, '1500ms'],
    [30_000, '30s'],
    [90_000, '90s'],
    [60_000, '1m'],
    [300_000, '5m'],
    [5_400_000, '90m'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [14 * 86_400_000, '14d'],
    [36 * 3_600_000, '36h'],
  ];
  for (const [ms, text] of rows) {
    assert.equal(writtenDuration(ms), text, String(ms));
    assert.equal(parseDuration(text), ms, text);
  }
});
