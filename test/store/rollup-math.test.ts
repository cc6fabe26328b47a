import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accumulateRollups,
  bucketStartOf,
  countResult,
  emptyCounts,
  latencyFigures,
  mergeCounts,
  planUptime,
  uptimeFigures,
  type RollupInput,
} from '../../src/store/rollup-math.ts';
import { DAY, HOUR, MINUTE, T0 } from './fixtures.ts';

const ok = (startedAt: number, latencyMs: number, extra: Partial<RollupInput> = {}): RollupInput => ({
  monitorKey: 1,
  startedAt,
  latencyMs,
  ok: true,
  degraded: false,
  maintenance: false,
  ...extra,
});

test('bucket starts are UTC hours and days', () => {
  const rows: [number, 'hour' | 'day', number][] = [
    [T0, 'hour', T0],
    [T0 + HOUR - 1, 'hour', T0],
    [T0 + HOUR, 'hour', T0 + HOUR],
    [T0 + DAY - 1, 'day', T0],
    [T0 + DAY, 'day', T0 + DAY],
    [-1, 'hour', -HOUR],
  ];
  for (const [ms, g, expected] of rows) assert.equal(bucketStartOf(ms, g), expected, `${ms} ${g}`);
});

test('counting: failures and maintenance stay out of latency; maintenance is not a failure', () => {
  const c = emptyCounts();
  countResult(c, { latencyMs: 100, ok: true, degraded: false, maintenance: false });
  countResult(c, { latencyMs: 300, ok: true, degraded: true, maintenance: false });
  countResult(c, { latencyMs: 5, ok: false, degraded: false, maintenance: false });
  countResult(c, { latencyMs: 9_000, ok: false, degraded: false, maintenance: true });
  assert.deepEqual(
    { ...c, histogram: undefined },
    {
      checks: 4,
      failures: 1,
      degraded: 1,
      maintenance: 1,
      latencyCount: 2,
      latencySum: 400,
      latencyMin: 100,
      latencyMax: 300,
      histogram: undefined,
    },
  );
  assert.deepEqual(latencyFigures(c), { latencyMinMs: 100, latencyAvgMs: 200, latencyMaxMs: 300, latencyP95Ms: 300 });
});

test('merging counts equals counting everything at once', () => {
  const inputs = [ok(T0, 10), ok(T0 + 1, 700, { degraded: true }), ok(T0 + 2, 3, { ok: false }), ok(T0 + 3, 55)];
  const whole = emptyCounts();
  const left = emptyCounts();
  const right = emptyCounts();
  inputs.forEach((r, i) => {
    countResult(whole, r);
    countResult(i < 2 ? left : right, r);
  });
  assert.deepEqual(mergeCounts(left, right), whole);
  assert.deepEqual(mergeCounts(emptyCounts(), whole), whole);
});

test('accumulate: one delta per monitor, granularity and bucket', () => {
  const deltas = accumulateRollups([
    ok(T0, 10),
    ok(T0 + 10 * MINUTE, 20),
    ok(T0 + HOUR, 30),
    ok(T0 + DAY, 40),
    ok(T0, 50, { monitorKey: 2 }),
  ]);
  const summary = deltas.map((d) => [d.monitorKey, d.granularity, (d.bucketStart - T0) / HOUR, d.counts.checks]).sort();
  assert.deepEqual(summary, [
    [1, 'day', 0, 3],
    [1, 'day', 24, 1],
    [1, 'hour', 0, 2],
    [1, 'hour', 1, 1],
    [1, 'hour', 24, 1],
    [2, 'day', 0, 1],
    [2, 'hour', 0, 1],
  ]);
});

test('uptime figures exclude maintenance from both sides', () => {
  assert.deepEqual(uptimeFigures({ checks: 10, failures: 2, maintenance: 2 }), {
    checks: 10,
    failures: 2,
    maintenance: 2,
    uptime: 0.75,
  });
  assert.deepEqual(uptimeFigures({ checks: 3, failures: 0, maintenance: 3 }), {
    checks: 3,
    failures: 0,
    maintenance: 3,
    uptime: null,
  });
  assert.deepEqual(uptimeFigures({ checks: 0, failures: 0, maintenance: 0 }).uptime, null);
});

test('uptime plan: hour resolution, whole days from daily rollups', () => {
  const rows: { name: string; from: number; to: number; hours: [number, number][]; days: [number, number] | null }[] = [
    { name: 'empty', from: T0, to: T0, hours: [], days: null },
    { name: 'inside an hour', from: T0 + MINUTE, to: T0 + 2 * MINUTE, hours: [[T0, T0 + HOUR]], days: null },
    { name: 'within a day', from: T0 + HOUR, to: T0 + 3 * HOUR, hours: [[T0 + HOUR, T0 + 3 * HOUR]], days: null },
    { name: 'exactly one day', from: T0, to: T0 + DAY, hours: [], days: [T0, T0 + DAY] },
    {
      name: 'last 24 h at 10:30',
      from: T0 + 10.5 * HOUR,
      to: T0 + DAY + 10.5 * HOUR,
      hours: [[T0 + 10 * HOUR, T0 + DAY + 11 * HOUR]],
      days: null,
    },
    {
      name: 'edges and whole days',
      from: T0 + 22.5 * HOUR,
      to: T0 + 3 * DAY + 1.5 * HOUR,
      hours: [
        [T0 + 22 * HOUR, T0 + DAY],
        [T0 + 3 * DAY, T0 + 3 * DAY + 2 * HOUR],
      ],
      days: [T0 + DAY, T0 + 3 * DAY],
    },
    {
      name: 'to on a day edge',
      from: T0 - 2 * HOUR,
      to: T0 + 2 * DAY,
      hours: [[T0 - 2 * HOUR, T0]],
      days: [T0, T0 + 2 * DAY],
    },
  ];
  for (const row of rows)
    assert.deepEqual(planUptime(row.from, row.to), { hours: row.hours, days: row.days }, row.name);
});
