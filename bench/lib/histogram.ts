/**
 * Latency histogram: 0.05 ms buckets up to 100 ms, 1 ms buckets up to 60 s. Fixed buckets keep
 * hundreds of thousands of samples cheap to record and to merge across generator processes.
 */
const FINE_MS = 0.05;
const FINE_LIMIT_MS = 100;
const COARSE_MS = 1;
const LIMIT_MS = 60_000;
const FINE_BUCKETS = FINE_LIMIT_MS / FINE_MS;
const BUCKETS = FINE_BUCKETS + (LIMIT_MS - FINE_LIMIT_MS) / COARSE_MS + 1;

export interface HistogramData {
  counts: Record<number, number>;
  max: number;
}

export class Histogram {
  private counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    const i = v < FINE_LIMIT_MS ? Math.floor(v / FINE_MS) : Math.min(BUCKETS - 1, FINE_BUCKETS + Math.floor((v - FINE_LIMIT_MS) / COARSE_MS));
    this.counts[i]!++;
    this.count++;
    if (v > this.max) this.max = v;
  }

  /** Upper edge of the bucket holding the q-quantile: never flatters the figure. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, bucketTop(i));
    }
    return this.max;
  }

  toJSON(): HistogramData {
    const counts: Record<number, number> = {};
    this.counts.forEach((n, i) => {
      if (n) counts[i] = n;
    });
    return { counts, max: this.max };
  }

  merge(data: HistogramData): void {
    for (const [i, n] of Object.entries(data.counts)) {
      this.counts[Number(i)]! += n;
      this.count += n;
    }
    this.max = Math.max(this.max, data.max);
  }
}

const bucketTop = (i: number): number => (i < FINE_BUCKETS ? (i + 1) * FINE_MS : FINE_LIMIT_MS + (i - FINE_BUCKETS + 1) * COARSE_MS);

/** Percentiles of a small sample (cold loads, browser runs): nearest rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
