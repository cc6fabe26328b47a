import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelay } from './reconnect-backoff.ts';

const backoff = { minMs: 100, maxMs: 1_000 };
const rows: [attempt: number, random: number, expected: number][] = [
  [1, 0, 100],
  [2, 0, 200],
  [4, 0, 800],
  [5, 0, 1_000],
  [500, 0, 1_000],
  [1, 1, 80],
  [5, 0.5, 900],
];

for (const [attempt, random, expected] of rows) {
  test(`attempt ${attempt}, jitter ${random} → ${expected} ms`, () => {
    assert.equal(
      reconnectDelay(attempt, backoff, () => random),
      expected,
    );
  });
}
