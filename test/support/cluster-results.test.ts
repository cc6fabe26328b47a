import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { phaseOf } from '../../src/scheduler/phase.ts';
import { longestGap, sameSlotPairs, unmatchedChecks } from './cluster-results.ts';

describe('judging stored results of a monitor', () => {
  const id = 'c0-a';
  const interval = 1_000;
  const phase = phaseOf(id, interval);
  const slot = (k: number, lag = 0) => 1_000_000 * interval + phase + k * interval + lag;

  test('one owner, late by up to most of an interval, and a catch-up run just before a planned one: no pair', () => {
    const times = [
      slot(0, 5),
      slot(1, 900),
      slot(2, 40),
      /* killed; taken over: catch-up */ slot(6, 990),
      slot(7, 2),
      slot(8, 3),
    ];
    assert.deepEqual(sameSlotPairs(id, times, interval), []);
  });

  test('two owners at the same planned time, whatever their lags: the pair is found', () => {
    const rows: [number, number][] = [
      [0, 1],
      [3, 250],
      [0, 900],
    ];
    for (const [a, b] of rows)
      assert.deepEqual(sameSlotPairs(id, [slot(0, 0), slot(1, a), slot(1, b), slot(2, 0)], interval), [
        [slot(1, a), slot(1, b)],
      ]);
    // one check before a takeover and the new owner's catch-up after it share a slot one after the other
    assert.deepEqual(sameSlotPairs(id, [slot(1, 0), slot(1, 600)], interval, [slot(1, 300)]), []);
    assert.deepEqual(sameSlotPairs(id, [slot(1, 0), slot(1, 600)], interval, [slot(1, 700)]), [
      [slot(1, 0), slot(1, 600)],
    ]);
  });

  test('the longest gap counts the window edges', () => {
    assert.deepEqual(longestGap([10, 20, 35], 0, 40), { ms: 15, from: 20, to: 35 });
    assert.deepEqual(longestGap([], 0, 40), { ms: 40, from: 0, to: 40 });
    assert.deepEqual(longestGap([5], 0, 100), { ms: 95, from: 5, to: 100 });
  });

  test('checks that reached the target are matched to results stored shortly before, one each', () => {
    const rows: [number[], number[], number[]][] = [
      [[1005, 2003, 3010], [1000, 2000, 3000], []],
      [[1005, 2003, 3010], [1000, 3000], [2003]],
      [[1005, 1006], [1000], [1006]],
      [[1005], [100, 1000], []],
      [[1005], [1010], [1005]],
    ];
    for (const [arrivals, stored, missing] of rows)
      assert.deepEqual(unmatchedChecks(arrivals, stored, 500), missing, JSON.stringify({ arrivals, stored }));
  });
});
