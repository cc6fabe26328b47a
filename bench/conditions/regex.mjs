/**
 * bench/conditions: the cost of `=~` conditions, RE2JS (what Pharos runs) against the built-in RegExp (what it ran).
 * Typical patterns on typical bodies, then the worst a hostile pattern and body can do within Pharos' limits
 * (64 KiB of text, 200-step programs), then the backtracking attack that RegExp cannot survive, then contains and
 * pat() with hostile needles (linear searches; includes() is not). About 10 s in all.
 *
 *   node --import tsx bench/conditions/regex.mjs
 */
import { evaluateCondition, parseCondition, REGEX_INPUT_LIMIT } from '../../src/domain/conditions/index.ts';

const CASE_MS = 200;

/** microseconds per call, over about CASE_MS */
function perCall(fn) {
  let n = 0;
  const started = performance.now();
  for (;;) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    const elapsed = performance.now() - started;
    if (elapsed >= CASE_MS) return (elapsed * 1000) / n;
  }
}

/** the slowest of three single calls, in ms (hostile cases: one call is what stalls the event loop) */
function slowest(fn) {
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    fn();
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

function randomText(length, alphabet, seed = 12345) {
  let x = seed;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += alphabet[(x >> 8) % alphabet.length];
  }
  return s;
}

const json = JSON.stringify({
  status: 'UP',
  components: Array.from({ length: 20 }, (_, i) => ({
    name: `db${i}`,
    status: 'UP',
    details: { latencyMs: i * 3, version: '1.2.3' },
  })),
});
const large = `${'lorem ipsum dolor sit amet '.repeat(2400)}"status":"UP"`;
const probe = (body) => ({ startedAt: 0, responseTimeMs: 1, connected: true, status: 200, body });

/** [label, pattern (JavaScript syntax), flags, body] */
const typical = [
  ['JSON field', '"status"\\s*:\\s*"UP"', '', json],
  ['anchored prefix + .*', '^\\{.*"status":"UP"', '', json],
  ['version number', 'version":\\s*"1\\.\\d+\\.\\d+"', '', json],
  ['alternatives, i flag', 'healthy|ok', 'i', 'Service is OK and running'],
  ['JSON field in 64 KiB', '"status"\\s*:\\s*"UP"', '', large],
];

console.log(`typical patterns (µs per evaluation; RE2JS through evaluateCondition, RegExp.test alone)`);
for (const [label, pattern, flags, body] of typical) {
  const condition = parseCondition(`[BODY] =~ /${pattern}/${flags}`);
  const p = probe(body);
  const regex = new RegExp(pattern, flags);
  const text = body.slice(0, REGEX_INPUT_LIMIT);
  if (evaluateCondition(condition, p).ok !== regex.test(text)) throw new Error(`engines disagree on ${label}`);
  const re2 = perCall(() => evaluateCondition(condition, p));
  const native = perCall(() => regex.test(text));
  console.log(
    `  ${label.padEnd(24)} ${String(body.length).padStart(6)} chars  re2js ${re2.toFixed(2).padStart(8)}  RegExp ${native.toFixed(2).padStart(8)}`,
  );
}

const ab = randomText(REGEX_INPUT_LIMIT, 'ab');
/** patterns that defeat the DFA (its states blow up) so RE2JS falls back to its NFA: cost ~ text × program (the third is 200 steps, the limit) */
const hostile = [
  '(?:a[ab]{10}a|b[ab]{10}b)$',
  '(?:a[ab]{47}a|b[ab]{47}b)$',
  '(?:a[ab]{96}a|b[ab]{96}b)$',
  '(?:a[ab]{10}a|b[ab]{10}b){7}',
];
console.log(`\nhostile patterns on ${REGEX_INPUT_LIMIT} random a/b characters (slowest of 3 evaluations, ms)`);
for (const pattern of hostile) {
  const condition = parseCondition(`[BODY] =~ /${pattern}/`);
  const p = probe(ab);
  console.log(
    `  ${pattern.padEnd(32)} re2js ${slowest(() => evaluateCondition(condition, p))
      .toFixed(1)
      .padStart(8)}`,
  );
}

console.log(`\nthe review's attack: [BODY] =~ /^sink ok \\/(a+)+$/ (ms for one evaluation)`);
const attack = parseCondition('[BODY] =~ /^sink ok \\/(a+)+$/');
for (const n of [20, 22, 24, 39, 60_000]) {
  const body = `sink ok /${'a'.repeat(n)}!`;
  const re2 = slowest(() => evaluateCondition(attack, probe(body)));
  // RegExp doubles its time with each extra "a": only the short bodies are run, the rest are extrapolated
  const native = n <= 24 ? slowest(() => /^sink ok \/(a+)+$/.test(body)).toFixed(1) : 'hours+';
  console.log(
    `  ${String(n).padStart(6)} a's  re2js ${re2.toFixed(2).padStart(8)}  RegExp ${String(native).padStart(8)}`,
  );
}

console.log(
  `\ncontains and pat() with a hostile needle on a 10 MB body (max_body_bytes allows it; ms for one evaluation)`,
);
const tenMb = 'a'.repeat(10_000_000);
const needle = `${'a'.repeat(500)}b${'a'.repeat(500)}`;
for (const [label, source] of [
  ['contains', `[BODY] contains "${needle}"`],
  ['pat() literal piece', `[BODY] == pat(*${needle}*)`],
  ['pat() piece with ?', `[BODY] == pat(*${'a?'.repeat(15)}b*)`],
]) {
  const condition = parseCondition(source);
  console.log(
    `  ${label.padEnd(24)} pharos ${slowest(() => evaluateCondition(condition, probe(tenMb)))
      .toFixed(1)
      .padStart(8)}`,
  );
}
const started = performance.now();
tenMb.includes(needle);
console.log(`  ${'String.includes (before)'.padEnd(24)} ${(performance.now() - started).toFixed(1).padStart(15)}`);
