/**
 * Duration histograms. Latencies are skewed (one 60 s timeout among 50 ms calls), so bins
 * span the minimum to the 99th percentile with a "nice" width (1, 2 or 5 × 10^k) and the
 * rare values beyond are counted in one overflow bar instead of squashing every other bin.
 */
import { percentileInPlace } from './select';
import type { Histogram } from './types';

export const DEFAULT_BINS = 30;

/** Smallest 1, 2 or 5 × 10^k at or above `raw` (> 0). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const exponent = Math.floor(Math.log10(raw));
  const base = 10 ** exponent;
  for (const m of [1, 2, 5, 10]) {
    const step = m * base;
    // Guard against log10 rounding (log10(1000) = 2.9999…).
    if (step >= raw * (1 - 1e-12)) return step;
  }
  return 10 * base;
}

/** Histogram of finite `values` (any order; reordered by the p99 selection). */
export function histogram(values: Float64Array, bins = DEFAULT_BINS): Histogram {
  const n = values.length;
  if (n === 0) return { edges: [], width: 0, counts: [], overflow: 0, overflowFrom: null };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const p99 = percentileInPlace(values, 99);
  // Cut at p99 only when the tail is long enough to flatten the rest.
  const cut = max > p99 && max - min > 2 * (p99 - min) ? p99 : max;
  const width = cut > min ? niceStep((cut - min) / bins) : niceStep(Math.abs(min) || 1);
  const first = Math.floor(min / width) * width;
  const binCount = Math.max(1, Math.floor((cut - first) / width) + 1);
  const overflowFrom = cut < max ? first + binCount * width : null;
  const counts = new Array<number>(binCount).fill(0);
  let overflow = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (overflowFrom !== null && v >= overflowFrom) {
      overflow++;
      continue;
    }
    const b = Math.min(binCount - 1, Math.max(0, Math.floor((v - first) / width)));
    counts[b] = (counts[b] as number) + 1;
  }
  const edges = counts.map((_, i) => first + i * width);
  return { edges, width, counts, overflow, overflowFrom };
}
