import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConditionSyntaxError, parseCondition } from './index.ts';

/** [source, expected message (a substring)] — every one must fail at load time. */
const invalid: [string, string][] = [
  ['', 'empty condition'],
  ['   ', 'empty condition'],
  ['[FOO] == 1', 'unknown placeholder [FOO]'],
  ['[status] == 200', 'unknown placeholder [status] (did you mean [STATUS]?)'],
  ['[STATUS]', 'expected an operator after [STATUS]'],
  ['[STATUS] 200', "expected an operator after [STATUS], got '200'"],
  ['[STATUS] = 200', 'expected an operator after [STATUS]'],
  ['[STATUS] === 200', 'expected an operator after [STATUS]'],
  ['[STATUS] <> 200', 'expected an operator after [STATUS]'],
  ['[BODY] containsx y', 'expected an operator after [BODY]'],
  ['[STATUS] ==', 'expected a value after =='],
  ['[STATUS] == abc', "[STATUS] compares with a number, got 'abc'"],
  ['[STATUS] == "200"', "[STATUS] compares with a number, got '200'"],
  ['[STATUS] == 2s', "[STATUS] compares with a number, got '2s'"],
  ['[STATUS] > abc', "[STATUS] compares with a number, got 'abc'"],
  ['[STATUS] == any(200, ok)', "[STATUS] compares with a number, got 'ok'"],
  ['[RESPONSE_TIME] < fast', "[RESPONSE_TIME] compares with a number of ms or a duration like 500ms or 7d, got 'fast'"],
  ['[CERTIFICATE_EXPIRATION] > 7 days', "unexpected text after '7'"],
  ['len([BODY]) > many', "len([BODY]) compares with a number, got 'many'"],
  ['[STATUS] == 200 && [BODY] == ok', "unexpected text after '200'"],
  ['[STATUS] contains 2', 'contains needs text on the left; [STATUS] is a number'],
  ['[CONNECTED] == yes', "[CONNECTED] compares with true or false, got 'yes'"],
  ['[CONNECTED] < true', '[CONNECTED] is true or false; compare it with == or !='],
  ['[CONNECTED] =~ tr', '[CONNECTED] is true or false'],
  ['has([BODY].x) == 1', "has([BODY].x) compares with true or false, got '1'"],
  ['[BODY] =~ /(unclosed/', 'invalid regex /(unclosed/'],
  ['[BODY] =~ (unclosed', 'invalid regex /(unclosed/'],
  ['[BODY] =~ /a/g', "unsupported regex flags 'g'"],
  ['[BODY] == /a/i', 'use =~ (or !~) to match a regex, not =='],
  ['[BODY] < any(a, b)', '< compares with a single value, not any()'],
  ['[BODY] contains pat(a*)', 'contains takes a string or any(), not pat()'],
  ['[BODY] =~ pat(a*)', '=~ takes a /regex/ or a string, not pat()'],
  ['[BODY] == any()', 'any() needs at least one value'],
  ['[BODY] == any(a,,b)', 'empty value in any('],
  ['[BODY] == any(a, b', "expected ')' to close any("],
  ['[BODY] == pat()', 'pat() needs at least one value'],
  [
    `[BODY] == pat(*${'?'.repeat(40)}*)`,
    'pat() allows at most 32 characters between two * when they include ?, got 40',
  ],
  ['[BODY] == "unterminated', 'unterminated quoted string'],
  ['[BODY] == "a" b', "unexpected text after the quoted string: 'b'"],
  ['[BODY] == [STATUS]', 'placeholders go on the left side only'],
  ['[BODY] == foo(1)', 'unknown function foo() on the right side'],
  ['[BODY].', "expected a key after '.' in [BODY] path"],
  ['[BODY].a..b == 1', "expected a key after '.' in [BODY] path"],
  ['[BODY].a[x] == 1', 'expected an array index like [0] in [BODY] path'],
  ['[BODY].a[0 == 1', 'expected an array index like [0] in [BODY] path'],
  ['[HEADER] == x', '[HEADER] needs a header name, like [HEADER].content-type'],
  ['[STATUS].code == 200', '[STATUS] takes no path'],
  ['[BODY == 1', "unclosed '['"],
  ['200 == [STATUS]', "expected a placeholder like [STATUS] or a function like len(…) at the start, got '200'"],
  ['size([BODY]) == 1', 'unknown function size(), expected len() or has()'],
  ['len(BODY) == 1', 'len() takes a placeholder, like len([BODY].items)'],
  ['len([BODY] == 1', "expected ')' to close len([BODY]"],
  ['len([STATUS]) == 3', 'len() measures text or JSON, not [STATUS]'],
  ['[DNS_RCODE] == NOERRR', "unknown DNS response code 'NOERRR'"],
];

for (const [source, message] of invalid) {
  test(`parseCondition rejects ${JSON.stringify(source)}`, () => {
    assert.throws(
      () => parseCondition(source),
      (err: unknown) => err instanceof ConditionSyntaxError && err.message.includes(message),
      `expected "${message}"`,
    );
  });
}

test('parseCondition reports the message it threw', () => {
  assert.throws(() => parseCondition('[STATUS] == abc'), {
    name: 'ConditionSyntaxError',
    message: "[STATUS] compares with a number, got 'abc'",
  });
});

/** [source, what the parsed right side normalises to] */
const normalised: [string, unknown][] = [
  ['[RESPONSE_TIME] < 1.5s', { kind: 'literal', literal: { text: '1.5s', number: 1500, quoted: false } }],
  ['[CERTIFICATE_EXPIRATION] > 7d', { kind: 'literal', literal: { text: '7d', number: 604_800_000, quoted: false } }],
  ['[RESPONSE_TIME] < 250', { kind: 'literal', literal: { text: '250', number: 250, quoted: false } }],
  ['[DNS_RCODE] == nxdomain', { kind: 'literal', literal: { text: 'NXDOMAIN', quoted: false } }],
  ['[BODY] == "say \\"hi\\""', { kind: 'literal', literal: { text: 'say "hi"', quoted: true } }],
  [
    '[BODY] == any("a, b", c)',
    {
      kind: 'any',
      literals: [
        { text: 'a, b', quoted: true },
        { text: 'c', quoted: false },
      ],
    },
  ],
  ['[BODY] == pat(*a)b*)', { kind: 'pattern', glob: '*a)b*' }],
  ['[BODY].path == /api/users', { kind: 'literal', literal: { text: '/api/users', quoted: false } }],
];

for (const [source, right] of normalised) {
  test(`parseCondition normalises ${source}`, () => {
    const condition = parseCondition(source);
    assert.equal(condition.source, source);
    assert.deepEqual(condition.right, right);
  });
}

test('parseCondition compiles regexes once, with their flags', () => {
  const condition = parseCondition('[BODY] =~ /^ok$/im');
  assert.ok(condition.right.kind === 'regex');
  assert.equal(condition.right.regex.flags, 'im');
  assert.ok(Object.isFrozen(condition));
});
