import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Probe } from '../probe.ts';
import { evaluateCondition, parseCondition } from './index.ts';

const DAY = 86_400_000;
const body = {
  status: 'UP',
  message: 'hello world',
  data: {
    items: [{ id: 1, name: 'a' }, { id: 2 }],
    count: 2,
    version: '2.1.0',
    healthy: true,
    nothing: null,
    tags: ['prod', 'eu'],
  },
};
const http: Probe = {
  startedAt: 1_000_000,
  responseTimeMs: 120,
  connected: true,
  status: 200,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'abc' },
  certificateExpiresAt: 1_000_000 + 3 * DAY,
  ip: '10.0.0.1',
};
const dns: Probe = { startedAt: 0, responseTimeMs: 8, connected: true, dnsRcode: 'NXDOMAIN', ip: '192.0.2.7' };
const refused: Probe = { startedAt: 0, responseTimeMs: 3, connected: false, error: 'connect ECONNREFUSED 127.0.0.1:9' };
const html: Probe = { ...http, body: '<html>ok</html>', headers: { 'Content-Type': 'text/html' } };
const slow: Probe = { ...http, status: 503, responseTimeMs: 912.4, certificateExpiresAt: 1_000_000 - 2 * DAY };

/** [source, probe, ok, actual] — one row per scenario. */
const rows: [string, Probe, boolean, string][] = [
  // STATUS
  ['[STATUS] == 200', http, true, '200'],
  ['[STATUS] == 200', slow, false, '503'],
  ['[STATUS] != 500', http, true, '200'],
  ['[STATUS] < 300', http, true, '200'],
  ['[STATUS] <= 200', http, true, '200'],
  ['[STATUS] > 200', http, false, '200'],
  ['[STATUS] >= 500', slow, true, '503'],
  ['[STATUS]==200', http, true, '200'],
  ['[STATUS] == any(200, 201, 204)', http, true, '200'],
  ['[STATUS] == any(200, 201)', slow, false, '503'],
  ['[STATUS] != any(500, 503)', slow, false, '503'],
  ['[STATUS] == pat(2??)', http, true, '200'],
  ['[STATUS] == pat(2*)', slow, false, '503'],
  ['[STATUS] =~ ^2\\d\\d$', http, true, '200'],
  ['[STATUS] !~ /^5/', slow, false, '503'],
  ['[STATUS] == 200', dns, false, '(none)'],
  ['[STATUS] != 200', refused, false, '(none)'],
  // RESPONSE_TIME
  ['[RESPONSE_TIME] < 500', http, true, '120'],
  ['[RESPONSE_TIME] < 500ms', slow, false, '912'],
  ['[RESPONSE_TIME] < 1s', slow, true, '912'],
  ['[RESPONSE_TIME] > 100', http, true, '120'],
  ['[RESPONSE_TIME] <= 120', http, true, '120'],
  // BODY, whole
  ['[BODY] == <html>ok</html>', html, true, '<html>ok</html>'],
  ['[BODY] == "<html>ok</html>"', html, true, '<html>ok</html>'],
  ['[BODY] contains ok', html, true, '<html>ok</html>'],
  ['[BODY] !contains error', html, true, '<html>ok</html>'],
  ['[BODY] contains "not there"', html, false, '<html>ok</html>'],
  ['[BODY] contains any(nope, ok)', html, true, '<html>ok</html>'],
  ['[BODY] == pat(*ok*)', html, true, '<html>ok</html>'],
  ['[BODY] == pat(<html>??</html>)', html, true, '<html>ok</html>'],
  ['[BODY] == pat(*error*)', html, false, '<html>ok</html>'],
  ['[BODY] =~ /<HTML>/i', html, true, '<html>ok</html>'],
  ['[BODY] =~ <HTML>', html, false, '<html>ok</html>'],
  ['[BODY] !~ /error/', html, true, '<html>ok</html>'],
  ['[BODY] == ok', refused, false, '(none)'],
  // BODY, JSON paths
  ['[BODY].status == UP', http, true, 'UP'],
  ['[BODY].status==UP', http, true, 'UP'],
  ["[BODY].status == 'UP'", http, true, 'UP'],
  ['[BODY].status != UP', http, false, 'UP'],
  ['[BODY].status == any(UP, OK)', http, true, 'UP'],
  ['[BODY].message == "hello world"', http, true, 'hello world'],
  ['[BODY].data.count == 2', http, true, '2'],
  ['[BODY].data.count == 2.0', http, true, '2'],
  ['[BODY].data.count == "2.0"', http, false, '2'],
  ['[BODY].data.count > 1', http, true, '2'],
  ['[BODY].data.count < 10', http, true, '2'],
  ['[BODY].data.version >= 2', http, true, '2.1.0'],
  ['[BODY].data.items[0].name == a', http, true, 'a'],
  ['[BODY].data.items[1].id == 2', http, true, '2'],
  ['[BODY].data.items[1].name == a', http, false, '(missing)'],
  ['[BODY].data.items[5].id == 1', http, false, '(missing)'],
  ['[BODY].nope.deeper == 1', http, false, '(missing)'],
  ['[BODY].data.items.id == 1', http, false, '(missing)'],
  ['[BODY].data.healthy == true', http, true, 'true'],
  ['[BODY].data.nothing == null', http, true, 'null'],
  ['[BODY].data.tags contains eu', http, true, '["prod","eu"]'],
  ['[BODY].data.tags contains e', http, false, '["prod","eu"]'],
  ['[BODY].data.tags !contains staging', http, true, '["prod","eu"]'],
  ['[BODY].data.items[0] == {"id":1,"name":"a"}', http, true, '{"id":1,"name":"a"}'],
  ['[BODY].data.version =~ ^2\\.', http, true, '2.1.0'],
  ['[BODY].status == UP', html, false, '(body is not JSON)'],
  ['[BODY][0] == 1', { ...http, body: '[1,2]' }, true, '1'],
  // HEADER
  ['[HEADER].content-type contains application/json', http, true, 'application/json; charset=utf-8'],
  ['[HEADER].Content-Type == pat(application/json*)', http, true, 'application/json; charset=utf-8'],
  ['[HEADER].content-type == text/html', html, true, 'text/html'],
  ['[HEADER].x-missing == 1', http, false, '(missing)'],
  ['[HEADER].content-type == x', dns, false, '(none)'],
  // CERTIFICATE_EXPIRATION
  ['[CERTIFICATE_EXPIRATION] > 48h', http, true, '3d'],
  ['[CERTIFICATE_EXPIRATION] > 7d', http, false, '3d'],
  ['[CERTIFICATE_EXPIRATION] > 172800000', http, true, '3d'],
  ['[CERTIFICATE_EXPIRATION] > 0', slow, false, 'expired 2d ago'],
  ['[CERTIFICATE_EXPIRATION] > 1d', dns, false, '(none)'],
  // CONNECTED
  ['[CONNECTED] == true', http, true, 'true'],
  ['[CONNECTED] == true', refused, false, 'false'],
  ['[CONNECTED] != true', refused, true, 'false'],
  // DNS_RCODE
  ['[DNS_RCODE] == NXDOMAIN', dns, true, 'NXDOMAIN'],
  ['[DNS_RCODE] == noerror', dns, false, 'NXDOMAIN'],
  ['[DNS_RCODE] == any(NOERROR, NXDOMAIN)', dns, true, 'NXDOMAIN'],
  ['[DNS_RCODE] == NOERROR', http, false, '(none)'],
  // IP
  ['[IP] == 192.0.2.7', dns, true, '192.0.2.7'],
  ['[IP] == pat(10.*)', http, true, '10.0.0.1'],
  ['[IP] =~ ^10\\.', dns, false, '192.0.2.7'],
  // len()
  ['len([BODY].data.items) == 2', http, true, '2'],
  ['len([BODY].data.tags) > 1', http, true, '2'],
  ['len([BODY].status) == 2', http, true, '2'],
  ['len([BODY].data) == 6', http, true, '6'],
  ['len([BODY]) == 15', html, true, '15'],
  ['len([BODY]) < 10', html, false, '15'],
  ['len([HEADER].x-request-id) == 3', http, true, '3'],
  ['len([BODY].nope) == 0', http, false, '(missing)'],
  ['len([IP]) >= 7', dns, true, '9'],
  // has()
  ['has([BODY].data.count) == true', http, true, 'true'],
  ['has([BODY].errors) == false', http, true, 'false'],
  ['has([BODY].errors) == true', http, false, 'false'],
  ['has([BODY].status) == true', html, false, 'false'],
  ['has([HEADER].x-request-id) == true', http, true, 'true'],
  ['has( [BODY].data ) == true', http, true, 'true'],
];

for (const [source, probe, ok, actual] of rows) {
  test(`evaluateCondition ${source} → ${ok} (actual ${actual})`, () => {
    assert.deepEqual(evaluateCondition(parseCondition(source), probe), { ok, actual });
  });
}

test('actual is shortened for long values', () => {
  const probe: Probe = { ...http, body: 'x'.repeat(1000) };
  const { actual } = evaluateCondition(parseCondition('[BODY] == y'), probe);
  assert.equal(actual, `${'x'.repeat(200)}…`);
});

test('a pathological regex only sees the first 64 KiB', () => {
  const probe: Probe = { ...http, body: `${'a'.repeat(64 * 1024)}b` };
  assert.equal(evaluateCondition(parseCondition('[BODY] =~ /b$/'), probe).ok, false);
  assert.equal(evaluateCondition(parseCondition('[BODY] contains b'), probe).ok, true);
});

test('a glob on a large body stays fast', () => {
  const probe: Probe = { ...http, body: 'a'.repeat(20_000) };
  const started = performance.now();
  assert.equal(evaluateCondition(parseCondition('[BODY] == pat(*a*a*a*a*b)'), probe).ok, false);
  assert.ok(performance.now() - started < 2000);
});

test('contains and pat() with hostile needles on a 10 MB body (max_body_bytes allows it) answer within 1 s', () => {
  const probe: Probe = { ...http, body: 'a'.repeat(10_000_000) };
  const needle = `${'a'.repeat(500)}b${'a'.repeat(500)}`;
  for (const source of [
    `[BODY] contains "${needle}"`,
    `[BODY] contains any(x, "${needle}")`,
    `[BODY] == pat(*${needle}*)`,
    `[BODY] == pat(*${'a?'.repeat(15)}b*)`,
  ]) {
    const condition = parseCondition(source);
    const started = performance.now();
    assert.equal(evaluateCondition(condition, probe).ok, false);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `${source.slice(0, 30)}… took ${Math.round(elapsed)} ms`);
  }
});
