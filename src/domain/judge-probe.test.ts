import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCondition } from './conditions/index.ts';
import { judgeProbe } from './judge-probe.ts';
import type { Probe } from './probe.ts';

const okProbe: Probe = { startedAt: 5000, responseTimeMs: 120, connected: true, status: 200, body: '{"status":"UP"}' };
const conditions = ['[STATUS] == 200', '[BODY].status == UP'].map(parseCondition);
const slowWhen = parseCondition('[RESPONSE_TIME] > 500');

interface Row {
  name: string;
  probe: Probe;
  degradedWhen?: string;
  ok: boolean;
  degraded: boolean;
  error?: string;
  results: boolean[];
}

const rows: Row[] = [
  { name: 'all conditions hold', probe: okProbe, ok: true, degraded: false, results: [true, true] },
  {
    name: 'degraded when degraded_when holds',
    probe: { ...okProbe, responseTimeMs: 912 },
    degradedWhen: '[RESPONSE_TIME] > 500',
    ok: true,
    degraded: true,
    results: [true, true],
  },
  {
    name: 'not degraded when degraded_when does not hold',
    probe: okProbe,
    degradedWhen: '[RESPONSE_TIME] > 500',
    ok: true,
    degraded: false,
    results: [true, true],
  },
  {
    name: 'first failing condition is the error',
    probe: { ...okProbe, status: 503, body: 'oops' },
    ok: false,
    degraded: false,
    error: '"[STATUS] == 200" failed (actual 503)',
    results: [false, false],
  },
  {
    name: 'second condition failing',
    probe: { ...okProbe, body: '{"status":"DOWN"}' },
    ok: false,
    degraded: false,
    error: '"[BODY].status == UP" failed (actual DOWN)',
    results: [true, false],
  },
  {
    name: 'transport error wins over conditions',
    probe: { startedAt: 5000, responseTimeMs: 3, connected: false, error: 'connect ECONNREFUSED 127.0.0.1:9' },
    ok: false,
    degraded: false,
    error: 'connect ECONNREFUSED 127.0.0.1:9',
    results: [false, false],
  },
  {
    name: 'a failing check is never degraded',
    probe: { ...okProbe, status: 500, responseTimeMs: 900 },
    degradedWhen: '[RESPONSE_TIME] > 500',
    ok: false,
    degraded: false,
    error: '"[STATUS] == 200" failed (actual 500)',
    results: [false, true],
  },
];

for (const row of rows) {
  test(`judgeProbe: ${row.name}`, () => {
    const result = judgeProbe('api', row.probe, conditions, row.degradedWhen === undefined ? undefined : slowWhen);
    assert.equal(result.monitorId, 'api');
    assert.equal(result.startedAt, 5000);
    assert.equal(result.latencyMs, row.probe.responseTimeMs);
    assert.equal(result.statusCode, row.probe.status);
    assert.equal(result.ok, row.ok);
    assert.equal(result.degraded, row.degraded);
    assert.equal(result.error, row.error);
    assert.deepEqual(
      result.conditionResults?.map((r) => r.ok),
      row.results,
    );
  });
}

test('judgeProbe with no conditions passes on any response', () => {
  const result = judgeProbe('api', { ...okProbe, status: 500 }, [], undefined);
  assert.equal(result.ok, true);
  assert.deepEqual(result.conditionResults, []);
  assert.equal('error' in result, false);
});
