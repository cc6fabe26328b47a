import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentIds } from './recent-ids.ts';

test('an id is new once, and forgotten after capacity newer ones', () => {
  const ids = new RecentIds(2);
  assert.equal(ids.add('a'), true);
  assert.equal(ids.add('a'), false);
  assert.equal(ids.add('b'), true);
  assert.equal(ids.add('c'), true);
  assert.equal(ids.add('b'), false);
  assert.equal(ids.add('a'), true);
});
