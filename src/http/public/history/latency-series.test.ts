import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordedResult, Rollup } from '../../../store/store.ts';
import { latencySeries, measured, MIN_MEASURED_BUCKETS, rawSeries } from './latency-series.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12, 30);
const thisHour = Math.floor(NOW / HOUR) * HOUR;

const rollup = (bucketStart: number, avg: number, granularity: 'hour' | 'day' = 'hour'): Rollup => ({
  monitorId: 'api',
  granularity,
  bucketStart,
  checks: 60,
  failures: 0,
  degraded: 0,
  maintenance: 0,
  latencyMinMs: avg,
  latencyAvgMs: avg,
  latencyMaxMs: avg,
  latencyP95Ms: avg + 10,
});
const result = (startedAt: number, latencyMs: number, ok = true): RecordedResult => ({
  monitorId: 'api',
  startedAt,
  latencyMs,
  ok,
  degraded: false,
  maintenance: false,
  statusCode: ok ? 200 : 500,
  error: ok ? null : 'HTTP 500',
});

// the store lists raw results newest first
const firstMinutes = Array.from({ length: 20 }, (_, i) => result(NOW - i * 60_000, 100 + i, i !== 5));

test('a fresh install: every chart shows the raw checks (oldest first, failures left out) instead of a dot', () => {
  const series = latencySeries(NOW, [rollup(thisHour, 110)], [rollup(Date.UTC(2026, 11, 6), 110, 'day')], firstMinutes);
  for (const period of ['24h', '7d', '30d'] as const) {
    assert.equal(series[period].length, 19, period);
    assert.equal(measured(series[period]), 19);
    assert.deepEqual(series[period][0], { t: NOW - 19 * 60_000, avgMs: 119, p95Ms: null });
    assert.equal(series[period].at(-1)!.t, NOW);
  }
});

test('with enough hourly buckets the hourly series is kept; the 30-day chart shows hours until it has days', () => {
  const hours = Array.from({ length: MIN_MEASURED_BUCKETS }, (_, i) => rollup(thisHour - i * HOUR, 100 + i));
  const series = latencySeries(NOW, hours, [rollup(Date.UTC(2026, 11, 6), 101, 'day')], firstMinutes);
  assert.equal(series['24h'].length, 24);
  assert.equal(measured(series['24h']), MIN_MEASURED_BUCKETS);
  assert.equal(series['7d'].length, 7 * 24);
  assert.equal(series['30d'], series['7d'], 'one day only: the hours instead');
});

test('with enough days everything is buckets; without raw checks nothing changes', () => {
  const days = Array.from({ length: 3 }, (_, i) => rollup(Date.UTC(2026, 11, 6 - i), 100, 'day'));
  const hours = Array.from({ length: 30 }, (_, i) => rollup(thisHour - i * HOUR, 100));
  const series = latencySeries(NOW, hours, days, firstMinutes);
  assert.equal(series['30d'].length, 30);
  const bare = latencySeries(NOW, [rollup(thisHour, 110)], [], []);
  assert.equal(bare['24h'].length, 24);
  assert.equal(measured(bare['24h']), 1);
});

test('rawSeries keeps passing checks outside maintenance', () => {
  const points = rawSeries([result(3, 30), { ...result(2, 20), maintenance: true }, result(1, 10, false)]);
  assert.deepEqual(points, [{ t: 3, avgMs: 30, p95Ms: null }]);
});
