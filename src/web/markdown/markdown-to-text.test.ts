import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToText } from './markdown-to-text.ts';

const CASES: [string, string, string][] = [
  ['plain text stays as it is', 'We are looking into it.', 'We are looking into it.'],
  ['emphasis marks go', 'Checkout is **down** for _some_ users.', 'Checkout is down for some users.'],
  ['a heading is its text', '## Update\n\nFixed.', 'Update\n\nFixed.'],
  ['a link shows its address', 'See [the status](https://example.com/s).', 'See the status (https://example.com/s).'],
  ['a bare link is not doubled', 'See https://example.com/s', 'See https://example.com/s'],
  ['bullets', 'Affected:\n\n* payments\n* **carts**', 'Affected:\n\n- payments\n- carts'],
  ['ordered lists keep their numbers', '3. one\n4. two', '3. one\n4. two'],
  ['inline code keeps its text', 'Run `pharos check`.', 'Run pharos check.'],
  ['a fence keeps its lines', '```\na = 1\nb = 2\n```', 'a = 1\nb = 2'],
  ['soft line breaks stay', 'line one\nline two', 'line one\nline two'],
  ['raw HTML is left as text', '<b>hi</b>', '<b>hi</b>'],
];

for (const [name, input, want] of CASES)
  test(`markdownToText: ${name}`, () => {
    assert.equal(markdownToText(input), want);
  });
