/** Start delays (actual start minus planned start) in 1 ms buckets up to 60 s; for p50/p99 without keeping samples. */
export class DriftHistogram {
  private readonly buckets = new Uint32Array(60_001);
  count = 0;
  max = 0;

  record(ms: number): void {
    const v = Math.max(0, Math.round(ms));
    this.buckets[Math.min(v, 60_000)]! += 1;
    this.count += 1;
    if (v > this.max) this.max = v;
  }

  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= target) return i;
    }
    return 60_000;
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
    this.max = 0;
  }
}
