import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downsample, niceCeiling, pathData, seriesStats } from './latency-series.ts';

test('niceCeiling rounds up to a readable axis maximum', () => {
  const rows: [number, number][] = [
    [0, 10],
    [7, 10],
    [11, 15],
    [269, 300],
    [301, 400],
    [950, 1000],
    [1001, 1500],
  ];
  for (const [v, expected] of rows) assert.equal(niceCeiling(v), expected, String(v));
});

test('downsample merges neighbours: average of averages, worst p95, first timestamp', () => {
  const points = Array.from({ length: 10 }, (_, i) => ({ t: i, avgMs: i === 1 ? null : i * 10, p95Ms: i * 20 }));
  const out = downsample(points, 5);
  assert.equal(out.length, 5);
  assert.deepEqual(out[0], { t: 0, avgMs: 0, p95Ms: 20 });
  assert.deepEqual(out[1], { t: 2, avgMs: 25, p95Ms: 60 });
  assert.equal(downsample(points, 20).length, 10);
});

test('pathData draws runs and breaks at gaps; areas close to the baseline', () => {
  assert.equal(pathData([50, 100, null, 0], 100, 300, 100, false), 'M0 50l100-50M300 100');
  assert.equal(pathData([50, 100, null, 0], 100, 300, 100, true), 'M0 100V50l100-50V100ZM300 100V100V100Z');
  assert.equal(pathData([200], 100, 600, 100, false), 'M0 0');
  assert.equal(pathData([], 100, 600, 100, false), '');
});

test('seriesStats ignores missing values', () => {
  assert.deepEqual(
    seriesStats([
      { t: 0, avgMs: 10, p95Ms: null },
      { t: 1, avgMs: null, p95Ms: null },
      { t: 2, avgMs: 30, p95Ms: 90 },
    ]),
    { count: 2, avg: 20, minAvg: 10, maxAvg: 30, maxP95: 90 },
  );
  assert.equal(seriesStats([]).avg, null);
});
