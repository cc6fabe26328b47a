import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fairShareFloor, LeaseHealth } from './lease-health.ts';

describe('fairShareFloor: the least a worker owns once a rebalance settled', () => {
  const rows: [units: number, live: number, floor: number][] = [
    [0, 1, 0],
    [10_000, 1, 10_000],
    [10_000, 2, 5_000],
    [10, 3, 2], // 4, 4, 2
    [10, 4, 1], // 3, 3, 3, 1
    [2, 3, 0], // fewer units than workers: one may own none
    [5_000, 3, 1_666],
    [7, 0, 7], // no live worker seen yet counts as one
  ];
  for (const [units, live, floor] of rows)
    test(`${units} units, ${live} live → ${floor}`, () => assert.equal(fairShareFloor(units, live), floor));
});

describe('LeaseHealth', () => {
  const TTL = 10_000;
  const T = 1_000_000;

  test('not ready before the first round; ready after a round at its share', () => {
    const h = new LeaseHealth(TTL, T);
    assert.equal(h.problem(T), 'the first lease round has not finished');
    h.roundSucceeded(T + 100, { owned: 5, units: 10, live: 2 });
    assert.equal(h.problem(T + 100), null);
  });

  test('below the floor: ready during the grace of 3 × TTL, then not ready; back at the floor, ready at once', () => {
    const h = new LeaseHealth(TTL, T);
    h.roundSucceeded(T, { owned: 0, units: 10, live: 2 });
    h.roundSucceeded(T + 3 * TTL - 1, { owned: 1, units: 10, live: 2 });
    assert.equal(h.problem(T + 3 * TTL - 1), null);
    h.roundSucceeded(T + 3 * TTL, { owned: 1, units: 10, live: 2 });
    assert.equal(
      h.problem(T + 3 * TTL),
      'owns 1 of a fair share of at least 5 units (10 units, 2 live workers) for 30 s',
    );
    h.roundSucceeded(T + 3 * TTL + 1, { owned: 5, units: 10, live: 2 });
    assert.equal(h.problem(T + 3 * TTL + 1), null);
  });

  test('failures: two in a row are tolerated, the third is not; a success resets the count but not the total', () => {
    const h = new LeaseHealth(TTL, T);
    h.roundSucceeded(T, { owned: 1, units: 1, live: 1 });
    assert.equal(h.roundFailed(new Error('boom')), 1);
    assert.equal(h.roundFailed(new Error('boom')), 2);
    assert.equal(h.problem(T + 1), null);
    h.roundFailed(new Error('too many SQL variables'));
    assert.equal(h.problem(T + 1), '3 consecutive lease rounds failed: too many SQL variables');
    h.roundSucceeded(T + 2, { owned: 1, units: 1, live: 1 });
    assert.equal(h.problem(T + 2), null);
    assert.equal(h.failuresTotal, 3);
  });

  test('no round finished for 2 × TTL (hung): not ready, from start or from the last success', () => {
    const fresh = new LeaseHealth(TTL, T);
    assert.equal(fresh.problem(T + 2 * TTL), 'no lease round succeeded since start');
    const h = new LeaseHealth(TTL, T);
    h.roundSucceeded(T, { owned: 1, units: 1, live: 1 });
    assert.equal(h.problem(T + 2 * TTL - 1), null);
    h.roundFailed(new Error('timeout'));
    assert.equal(h.problem(T + 2 * TTL), 'no lease round succeeded for 20 s (last error: timeout)');
  });
});
