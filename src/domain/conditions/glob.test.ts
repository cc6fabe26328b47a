import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatch, globProblem } from './glob.ts';

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

const more: [pattern: string, text: string, matches: boolean][] = [
  ['*a?c*', 'xxabcxx', true],
  ['*a?c*', 'xxacxx', false],
  ['*😀?*', 'x😀😀', true],
  ['?😀', '😀😀', true],
  ['a*?', 'a', false],
  ['a*?', 'a😀', true],
  ['*abab*', 'abaabab', true],
  ['ab*ba', 'aba', false],
  ['ab*ba', 'abba', true],
  ['*x*x*', 'x', false],
];

for (const [pattern, text, matches] of more) {
  test(`globMatch(${JSON.stringify(pattern)}, ${JSON.stringify(text)}) is ${matches}`, () => {
    assert.equal(globMatch(pattern, text), matches);
  });
}

test('a hostile piece on a 10 MB body answers at once (indexOf would take seconds, the old backtracking longer)', () => {
  const body = 'a'.repeat(10_000_000);
  for (const pattern of [`*${'a'.repeat(500)}b${'a'.repeat(500)}*`, `*${'a?'.repeat(15)}b*`, `${'*a'.repeat(50)}*b*`]) {
    const started = performance.now();
    assert.equal(globMatch(pattern, body), false);
    assert.ok(
      performance.now() - started < 1000,
      `${pattern.slice(0, 20)}… took ${Math.round(performance.now() - started)} ms`,
    );
  }
  assert.equal(globMatch(`*${'a'.repeat(1000)}`, body), true);
});

test('globProblem refuses long pieces with ? between two stars, which would need more than one word of state', () => {
  assert.equal(globProblem(`*${'?'.repeat(32)}*`), undefined);
  assert.equal(globProblem(`${'?'.repeat(100)}*${'?'.repeat(100)}`), undefined);
  assert.match(
    globProblem(`*${'?'.repeat(33)}*`) ?? '',
    /pat\(\) allows at most 32 characters between two \* when they include \?, got 33/,
  );
});
