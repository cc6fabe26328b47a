import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCondition } from '../domain/conditions/index.ts';
import { quoted, statusCodeConditions } from './condition-text.ts';

/** [accepted status codes, conditions, approximated?] */
const cases: [string[], string[], boolean][] = [
  [['200-299'], ['[STATUS] >= 200', '[STATUS] <= 299'], false],
  [['204'], ['[STATUS] == 204'], false],
  [['200-201', '404'], ['[STATUS] == any(200, 201, 404)'], false],
  [['100-399', '500-599'], ['[STATUS] >= 100', '[STATUS] <= 599'], true],
  [['oops'], ['[STATUS] < 400'], true],
];

for (const [accepted, conditions, approximated] of cases)
  test(`status codes ${accepted.join(',')} → ${conditions.join(' && ')}`, () => {
    const out = statusCodeConditions(accepted);
    assert.deepEqual(out.conditions, conditions);
    assert.equal(out.approximate !== undefined, approximated);
    for (const c of out.conditions) parseCondition(c);
  });

test('quoted text stays literal in a condition', () => {
  for (const text of ['a, b', 'say "hi"', 'back\\slash', '"status":"ok"']) {
    const condition = parseCondition(`[BODY] contains ${quoted(text)}`);
    assert.deepEqual(condition.right, { kind: 'literal', literal: { text, quoted: true } });
  }
});
