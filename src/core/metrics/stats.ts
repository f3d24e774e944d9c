/**
 * Summary statistics with the seed's semantics (`get_metrics_summary`): Python's
 * `statistics.mean/median/stdev` and numpy's default (linear) percentiles.
 */

export interface SummaryStats {
  count: number;
  sum: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** numpy.percentile(method="linear") on an ascending array. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0] as number;
  const h = (n - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  // numpy's _lerp: interpolate from the nearer end so results match it bit for bit.
  const t = h - lo;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Neumaier-compensated sum: close to the exact-fraction sums Python's statistics module uses. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Summarises `values` (any order). Sums are compensated (as Python 3.12's `sum()` is), so
 * the result does not depend on the order points arrived in. Sorts `values` in place.
 */
export function summarize(values: Float64Array): SummaryStats {
  const n = values.length;
  const sum = compensatedSum(values);
  const mean = n === 0 ? 0 : sum / n;
  let stddev = 0;
  if (n > 1) {
    let squares = 0;
    let drift = 0;
    for (let i = 0; i < n; i++) {
      const d = (values[i] as number) - mean;
      squares += d * d;
      drift += d;
    }
    // Two-pass with correction term (Chan et al.) keeps the variance accurate for large means.
    const variance = (squares - (drift * drift) / n) / (n - 1);
    stddev = Math.sqrt(Math.max(0, variance));
  }
  values.sort();
  const median = percentileSorted(values, 50);
  return {
    count: n,
    sum,
    mean,
    median,
    min: n ? (values[0] as number) : 0,
    max: n ? (values[n - 1] as number) : 0,
    stddev,
    p50: median,
    p90: percentileSorted(values, 90),
    p95: percentileSorted(values, 95),
    p99: percentileSorted(values, 99),
  };
}

/** Aggregates an alert rule or a chart may ask for. */
export type Aggregate = 'mean' | 'max' | 'min' | 'sum' | 'count' | 'latest' | 'median' | 'p50' | 'p90' | 'p95' | 'p99';
export const AGGREGATES: readonly Aggregate[] = ['mean', 'max', 'min', 'sum', 'count', 'latest', 'median', 'p50', 'p90', 'p95', 'p99'];
