import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Probe } from '../probe.ts';
import {
  ConditionSyntaxError,
  evaluateCondition,
  parseCondition,
  REGEX_PROGRAM_LIMIT,
  REGEX_SOURCE_LIMIT,
} from './index.ts';

const probe = (body: string): Probe => ({ startedAt: 0, responseTimeMs: 1, connected: true, status: 200, body });
/** The condition from the security review: nested quantifiers, which backtrack exponentially in RegExp. */
const ATTACK = '[BODY] =~ /^sink ok \\/(a+)+$/';

test('the nested-quantifier attack answers at once whatever the body: each length within 1 s, up to the reviewed body', () => {
  const condition = parseCondition(ATTACK);
  // A backtracking engine doubles its time with each extra "a" (about 1 s near 27 here): a regression fails on the
  // way up instead of hanging the suite on the last body, which is the exact one from the review.
  for (let n = 20; n <= 39; n++) {
    const body = `sink ok /${'a'.repeat(n)}!`;
    const started = performance.now();
    const { ok, actual } = evaluateCondition(condition, probe(body));
    const elapsed = performance.now() - started;
    assert.equal(ok, false);
    assert.equal(actual, body);
    assert.ok(elapsed < 1000, `${n} a's took ${Math.round(elapsed)} ms`);
  }
  assert.equal(evaluateCondition(condition, probe(`sink ok /${'a'.repeat(39)}`)).ok, true);
  assert.equal(evaluateCondition(condition, probe(`sink ok /${'a'.repeat(60_000)}!`)).ok, false);
});

/** [condition, body, holds] — JavaScript regex syntax keeps its meaning. */
const matching: [string, string, boolean][] = [
  ['[BODY] =~ /"status"\\s*:\\s*"UP"/', '{"status": "UP"}', true],
  ['[BODY] =~ /^ok$/i', 'OK', true],
  ['[BODY] =~ /^b$/m', 'a\nb\nc', true],
  ['[BODY] =~ /^b$/', 'a\nb\nc', false],
  ['[BODY] =~ /a.c/s', 'a\nc', true],
  ['[BODY] =~ /a.c/', 'a\nc', false],
  ['[BODY] =~ /^\\d{1,3}(\\.\\d{1,3}){3}$/', '10.0.0.1', true],
  ['[BODY] =~ /(?<major>\\d+)\\.(?:\\d+)/', 'v2.1', true],
  ['[BODY] =~ /\\u0041\\x42\\u{43}/u', 'ABC', true],
  ['[BODY] =~ /a[^]b/', 'a\nb', true],
  ['[BODY] =~ /^api\\/v1\\/\\w+$/', 'api/v1/users', true],
  ['[BODY] =~ /\\bword\\b/', 'a word here', true],
  ['[BODY] =~ /colou?r.*?end/', 'color … end', true],
  ['[BODY] =~ /[(?=]x/', '(x', true],
  ['[BODY] =~ /\\(?=x/', '(=x', true],
  ['[BODY] =~ /^\\p{Lu}/u', 'Élan', true],
  ['[BODY] !~ /error|fatal/i', 'all good', true],
  ['[BODY] !~ /error|fatal/i', 'FATAL: disk', false],
  ['[BODY] =~ ^up', 'up and running', true],
  ['[STATUS] =~ /^2\\d\\d$/', '', true],
];

for (const [source, body, holds] of matching) {
  test(`${source} on ${JSON.stringify(body)} ${holds ? 'holds' : 'does not hold'}`, () => {
    assert.equal(evaluateCondition(parseCondition(source), probe(body)).ok, holds);
  });
}

/** [condition, expected message (a substring)] — refused when the condition is parsed, so at load or in a 400. */
const refused: [string, string][] = [
  [
    '[BODY] =~ /(a)\\1/',
    'regular expression uses a backreference (\\1), which Pharos does not support (patterns run in linear time)',
  ],
  ['[BODY] =~ "(a)\\\\1"', 'uses a backreference (\\1)'],
  ['[BODY] =~ /(?<q>a)\\k<q>/', 'uses a named backreference (\\k<…>)'],
  ['[BODY] =~ /a(?=b)/', 'uses a lookahead (?=…), which Pharos does not support'],
  ['[BODY] =~ /a(?!b)/', 'uses a negative lookahead (?!…)'],
  ['[BODY] =~ /(?<=a)b/', 'uses a lookbehind (?<=…)'],
  ['[BODY] !~ /(?<!a)b/', 'uses a negative lookbehind (?<!…)'],
  ['[BODY] =~ /end\\z/', 'has the escape \\z, which is the letter z in JavaScript'],
  ['[BODY] =~ /\\Qa.b\\E/', 'has the escape \\Q'],
  ['[BODY] =~ /[\\b]/', 'is not supported: invalid escape sequence'],
  ['[BODY] =~ /a{1001}/', 'is not supported: invalid repeat count'],
  ['[BODY] =~ /(?:a[ab]{100}a|b[ab]{100}b)$/', `is too complex (208 steps, at most ${REGEX_PROGRAM_LIMIT}`],
  [
    `[BODY] =~ /${'a'.repeat(REGEX_SOURCE_LIMIT + 1)}/`,
    `is too long (${REGEX_SOURCE_LIMIT + 1} characters, at most ${REGEX_SOURCE_LIMIT})`,
  ],
  ['[BODY] =~ /(unclosed/', 'invalid regex /(unclosed/'],
];

for (const [source, message] of refused) {
  test(`parseCondition refuses ${source.slice(0, 60)}`, () => {
    assert.throws(
      () => parseCondition(source),
      (err: unknown) => err instanceof ConditionSyntaxError && err.message.includes(message),
      `expected "${message}"`,
    );
  });
}

test('the compiled pattern is made once, at parse time, and keeps its source and flags', () => {
  const condition = parseCondition('[BODY] =~ /^ok$/im');
  assert.ok(condition.right.kind === 'regex');
  assert.equal(condition.right.regex.source, '^ok$');
  assert.equal(condition.right.regex.flags, 'im');
  assert.ok(Object.isFrozen(condition.right.regex));
  assert.ok(!(condition.right.regex instanceof RegExp));
});
