import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestBudget } from './request-budget.ts';

test('a key gets perWindow requests per window, then waits for the window to end; keys are bounded', () => {
  let now = 1_000;
  const budget = new RequestBudget({ perWindow: 3, windowMs: 60_000, maxKeys: 2, now: () => now });
  assert.deepEqual([budget.take('a'), budget.take('a'), budget.take('a')], [0, 0, 0]);
  now += 10_000;
  assert.equal(budget.take('a'), 50_000, 'the fourth waits for the rest of the window');
  assert.equal(budget.take('b'), 0, 'another key has its own budget');
  now += 50_000;
  assert.equal(budget.take('a'), 0, 'a new window');
  budget.take('c');
  assert.equal(budget.size, 2, 'the oldest window is forgotten past maxKeys');
});
