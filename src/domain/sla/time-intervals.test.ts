import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipIntervals, subtractIntervals, totalMs, unionIntervals, type TimeInterval } from './time-intervals.ts';

const iv = (...pairs: [number, number][]): TimeInterval[] => pairs.map(([start, end]) => ({ start, end }));

test('union merges overlapping and touching spans and drops empty ones', () => {
  const rows: [TimeInterval[], TimeInterval[]][] = [
    [iv(), iv()],
    [iv([5, 5]), iv()],
    [iv([10, 20], [0, 5]), iv([0, 5], [10, 20])],
    [iv([0, 10], [5, 15], [15, 20]), iv([0, 20])],
    [iv([0, 100], [10, 20]), iv([0, 100])],
  ];
  for (const [input, expected] of rows) assert.deepEqual(unionIntervals(input), expected, JSON.stringify(input));
});

test('clip keeps the parts inside the range', () => {
  assert.deepEqual(clipIntervals(iv([-10, 5], [8, 9], [9, 30], [40, 50]), 0, 20), iv([0, 5], [8, 9], [9, 20]));
});

test('subtract cuts holes, however they overlap', () => {
  const rows: [TimeInterval[], TimeInterval[], TimeInterval[]][] = [
    [iv([0, 100]), iv(), iv([0, 100])],
    [iv([0, 100]), iv([10, 20], [15, 30], [90, 200]), iv([0, 10], [30, 90])],
    [iv([0, 10], [20, 30]), iv([5, 25]), iv([0, 5], [25, 30])],
    [iv([0, 10]), iv([-5, 15]), iv()],
    [iv([0, 10]), iv([10, 20]), iv([0, 10])],
  ];
  for (const [from, holes, expected] of rows)
    assert.deepEqual(subtractIntervals(from, holes), expected, `${JSON.stringify(from)} − ${JSON.stringify(holes)}`);
});

test('total counts overlaps once', () => {
  assert.equal(totalMs(iv([0, 10], [5, 20], [30, 31])), 21);
});
