import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addLatency,
  bucketIndex,
  decodeHistogram,
  emptyHistogram,
  encodeHistogram,
  histogramQuantile,
  LATENCY_BUCKET_BOUNDS,
  LATENCY_BUCKETS,
  mergeHistograms,
} from '../../src/store/latency-histogram.ts';

test('bucket index: bounds are exclusive upper edges, the last bucket is open', () => {
  const rows: [number, number][] = [
    [0, 0],
    [0.5, 0],
    [1, 1],
    [99, 14],
    [100, 15],
    [59_999, LATENCY_BUCKETS - 2],
    [60_000, LATENCY_BUCKETS - 1],
    [10_000_000, LATENCY_BUCKETS - 1],
  ];
  for (const [ms, index] of rows) assert.equal(bucketIndex(ms), index, `${ms} ms`);
  assert.equal(LATENCY_BUCKET_BOUNDS[14], 100);
});

test('encode/decode round trip, sparse, counts beyond 2^32', () => {
  const h = emptyHistogram();
  addLatency(h, 12);
  addLatency(h, 12);
  addLatency(h, 250, 5_000_000_000);
  addLatency(h, 90_000, 300);
  const bytes = encodeHistogram(h);
  assert.ok(bytes.length < 16, `${bytes.length} bytes`);
  assert.deepEqual(decodeHistogram(bytes), h);
  assert.deepEqual(encodeHistogram(emptyHistogram()), Uint8Array.from([1]));
});

test('decoding tolerates empty, unknown-version and truncated input', () => {
  assert.deepEqual(decodeHistogram(new Uint8Array()), emptyHistogram());
  assert.deepEqual(decodeHistogram(Uint8Array.from([9, 3, 1])), emptyHistogram());
  const h = emptyHistogram();
  addLatency(h, 5, 200);
  const bytes = encodeHistogram(h);
  assert.deepEqual(decodeHistogram(bytes.subarray(0, bytes.length - 1)), emptyHistogram());
});

test('merge adds bucket by bucket', () => {
  const a = emptyHistogram();
  const b = emptyHistogram();
  addLatency(a, 10);
  addLatency(b, 10);
  addLatency(b, 500);
  const m = mergeHistograms(a, b);
  assert.equal(m[bucketIndex(10)], 2);
  assert.equal(m[bucketIndex(500)], 1);
  assert.equal(
    m.reduce((s, n) => s + n, 0),
    3,
  );
});

test('quantiles: nearest rank, interpolated in the bucket, clamped to what was seen', () => {
  const rows: { name: string; latencies: number[]; q: number; expected: number | null }[] = [
    { name: 'empty', latencies: [], q: 0.95, expected: null },
    { name: 'one value', latencies: [123], q: 0.95, expected: 123 },
    { name: 'one distinct value', latencies: [120, 120, 120], q: 0.95, expected: 120 },
    { name: '1..100 ms', latencies: Array.from({ length: 100 }, (_, i) => i + 1), q: 0.95, expected: 96 },
    { name: 'outlier above p95', latencies: [...Array<number>(99).fill(40), 9_000], q: 0.95, expected: 50 },
    { name: 'open last bucket ends at the max seen', latencies: [70_000, 80_000], q: 0.95, expected: 75_000 },
    { name: 'median', latencies: [10, 20, 30, 40], q: 0.5, expected: 23 },
  ];
  for (const row of rows) {
    const h = emptyHistogram();
    for (const ms of row.latencies) addLatency(h, ms);
    const observed = { min: Math.min(...row.latencies), max: Math.max(...row.latencies) };
    assert.equal(histogramQuantile(h, row.q, observed), row.expected, row.name);
  }
});
