import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLiteral, includesLiteral } from './find-literal.ts';

/** [needle, text, from, limit, index] — the same answers as indexOf, within [from, limit). */
const rows: [string, string, number, number | undefined, number][] = [
  ['', 'abc', 0, undefined, 0],
  ['a', '', 0, undefined, -1],
  ['abc', 'xxabcxx', 0, undefined, 2],
  ['abc', 'xxabcxx', 3, undefined, -1],
  ['abc', 'xxabcxx', 0, 4, -1],
  ['abc', 'xxabcxx', 0, 5, 2],
  ['abab', 'abaabab', 0, undefined, 3],
  ['aab', 'aaab', 0, undefined, 1],
  ['€😀', 'x€😀', 0, undefined, 1],
];

for (const [needle, text, from, limit, index] of rows) {
  test(`findLiteral(${JSON.stringify(needle)}, ${JSON.stringify(text)}, ${from}, ${limit}) is ${index}`, () => {
    assert.equal(findLiteral(needle, text, from, limit), index);
  });
}

test('findLiteral agrees with indexOf on random texts', () => {
  let x = 11;
  const pick = (n: number) => ((x = (x * 1103515245 + 12345) & 0x7fffffff) >> 8) % n;
  const word = (max: number) => Array.from({ length: pick(max) }, () => 'ab'[pick(2)]).join('');
  for (let i = 0; i < 20_000; i++) {
    const text = word(12);
    const needle = word(5);
    assert.equal(findLiteral(needle, text), text.indexOf(needle), `${needle} in ${text}`);
  }
});

test('a hostile needle on 10 MB answers at once (String.prototype.includes takes seconds)', () => {
  const text = 'a'.repeat(10_000_000);
  const needle = `${'a'.repeat(500)}b${'a'.repeat(500)}`;
  const started = performance.now();
  assert.equal(includesLiteral(text, needle), false);
  assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
});
