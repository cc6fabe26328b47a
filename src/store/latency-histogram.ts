/**
 * A fixed-bucket latency histogram, small enough to keep one per rollup row and mergeable by addition,
 * so that p95 of an hour or a day is known without the raw results.
 */

/** Exclusive upper bounds of the buckets, in ms; one more bucket holds everything from the last bound up. */
export const LATENCY_BUCKET_BOUNDS = [
  1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, 150, 200, 250, 300, 400, 500, 600, 750, 1000, 1250, 1500,
  2000, 2500, 3000, 4000, 5000, 7500, 10_000, 15_000, 20_000, 30_000, 60_000,
] as const;
export const LATENCY_BUCKETS = LATENCY_BUCKET_BOUNDS.length + 1;

/** Dense counts, one per bucket. */
export type LatencyHistogram = number[];

/** First byte of the stored form; a new bucket layout gets a new version (old rows then read as empty). */
const FORMAT_VERSION = 1;

export function emptyHistogram(): LatencyHistogram {
  return new Array<number>(LATENCY_BUCKETS).fill(0);
}

export function bucketIndex(latencyMs: number): number {
  let lo = 0;
  let hi: number = LATENCY_BUCKET_BOUNDS.length;
  // first bound strictly greater than the latency
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((LATENCY_BUCKET_BOUNDS[mid] ?? Infinity) > latencyMs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function addLatency(h: LatencyHistogram, latencyMs: number, count = 1): void {
  const i = bucketIndex(latencyMs);
  h[i] = (h[i] ?? 0) + count;
}

export function mergeHistograms(a: LatencyHistogram, b: LatencyHistogram): LatencyHistogram {
  return a.map((n, i) => n + (b[i] ?? 0));
}

/**
 * Estimate a quantile (0 < q ≤ 1) by nearest rank, interpolating linearly inside the bucket and clamping to
 * the observed min and max (so a bucket holding one distinct value answers that value exactly). The error is
 * at most one bucket's width (about 25 % of the value above 10 ms).
 */
export function histogramQuantile(
  h: LatencyHistogram,
  q: number,
  observed: { min: number; max: number },
): number | null {
  const total = h.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let below = 0;
  for (let i = 0; i < h.length; i++) {
    const n = h[i] ?? 0;
    if (below + n >= rank) {
      const lower = i === 0 ? 0 : (LATENCY_BUCKET_BOUNDS[i - 1] ?? observed.max);
      const upper = LATENCY_BUCKET_BOUNDS[i] ?? Math.max(observed.max, lower);
      // the bucket's values taken as spread evenly, each at the middle of its share
      const estimate = lower + ((upper - lower) * (rank - below - 0.5)) / n;
      return Math.round(Math.min(observed.max, Math.max(observed.min, estimate)));
    }
    below += n;
  }
  return observed.max;
}

/** Stored form: a version byte, then (bucket index, count as unsigned LEB128) for each non-empty bucket. */
export function encodeHistogram(h: LatencyHistogram): Uint8Array {
  const bytes = [FORMAT_VERSION];
  h.forEach((count, index) => {
    if (count <= 0) return;
    bytes.push(index);
    // arithmetic rather than bit operations: counts may pass 2^32
    let n = count;
    while (n >= 0x80) {
      bytes.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    bytes.push(n);
  });
  return Uint8Array.from(bytes);
}

export function decodeHistogram(bytes: Uint8Array): LatencyHistogram {
  const h = emptyHistogram();
  if (bytes.length === 0 || bytes[0] !== FORMAT_VERSION) return h;
  let at = 1;
  while (at < bytes.length) {
    const index = bytes[at++] ?? 0;
    let count = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) return h; // truncated: keep what was whole
      count += (b & 0x7f) * scale;
      scale *= 0x80;
      if (b < 0x80) break;
    }
    if (index < LATENCY_BUCKETS) h[index] = (h[index] ?? 0) + count;
  }
  return h;
}
