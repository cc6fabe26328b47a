import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatch } from './glob.ts';

const rows: [pattern: string, text: string, matches: boolean][] = [
  ['*', '', true],
  ['*', 'anything', true],
  ['', '', true],
  ['', 'a', false],
  ['abc', 'abc', true],
  ['abc', 'abcd', false],
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['*ok*', 'it is ok here', true],
  ['*ok', 'ok then', false],
  ['a*b*c', 'aXXbYYc', true],
  ['a*b*c', 'aXXcYYb', false],
  ['**a', 'bba', true],
  ['?', '€', true],
  ['.*', 'abc', false],
];

for (const [pattern, text, matches] of rows) {
  test(`globMatch(${JSON.stringify(pattern)}, ${JSON.stringify(text)}) is ${matches}`, () => {
    assert.equal(globMatch(pattern, text), matches);
  });
}
