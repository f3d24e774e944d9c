/**
 * Per-bucket statistics over metric points: count, sum, mean and exact percentiles
 * (numpy's linear method, as the Metrics view and alerts use). Values are grouped with a
 * counting sort (two passes, one shared array) and percentiles found by quickselect
 * inside each bucket, so a million points take one allocation and O(n).
 */
import { bucketOf, bucketStart } from './axis';
import { percentileInPlace } from './select';
import type { PointSlice } from './points';
import type { ChartSeries, TimeAxis } from './types';

export interface BucketStats {
  axis: TimeAxis;
  count: Uint32Array;
  sum: Float64Array;
  /** Bucket i's values (in no particular order) are `grouped.subarray(offset[i], offset[i + 1])`, when asked for. */
  grouped: Float64Array | null;
  offset: Uint32Array | null;
}

/** Counts and sums per bucket; with `withValues`, also each bucket's values (for percentiles). */
export function bucketStats(axis: TimeAxis, slices: readonly PointSlice[], withValues = false): BucketStats {
  const count = new Uint32Array(axis.count);
  const sum = new Float64Array(axis.count);
  let total = 0;
  for (const s of slices) total += s.ts.length;
  // Each point's bucket, computed once for both passes (-1: outside the axis).
  const buckets = withValues ? new Int32Array(total) : null;
  let at = 0;
  for (const { ts, values } of slices) {
    for (let k = 0; k < ts.length; k++, at++) {
      const b = bucketOf(axis, ts[k] as number);
      if (buckets) buckets[at] = b;
      if (b < 0) continue;
      count[b] = (count[b] as number) + 1;
      sum[b] = (sum[b] as number) + (values[k] as number);
    }
  }
  if (!buckets) return { axis, count, sum, grouped: null, offset: null };
  const offset = new Uint32Array(axis.count + 1);
  for (let b = 0; b < axis.count; b++) offset[b + 1] = (offset[b] as number) + (count[b] as number);
  const grouped = new Float64Array(offset[axis.count] as number);
  const fill = offset.slice(0, axis.count);
  at = 0;
  for (const { values } of slices) {
    for (let k = 0; k < values.length; k++, at++) {
      const b = buckets[at] as number;
      if (b < 0) continue;
      grouped[fill[b] as number] = values[k] as number;
      fill[b] = (fill[b] as number) + 1;
    }
  }
  return { axis, count, sum, grouped, offset };
}

/** What a series plots per bucket. */
export type BucketMeasure = 'count' | 'sum' | 'mean' | 'p50' | 'p95' | 'failureRate';

function measureOf(stats: BucketStats, b: number, measure: BucketMeasure): number {
  const n = stats.count[b] as number;
  switch (measure) {
    case 'count':
      return n;
    case 'sum':
      return stats.sum[b] as number;
    case 'mean':
      return (stats.sum[b] as number) / n;
    case 'failureRate':
      // *_success points are 1 / 0: the failure rate is 1 − mean, in percent.
      return (1 - (stats.sum[b] as number) / n) * 100;
    case 'p50':
    case 'p95': {
      if (!stats.grouped || !stats.offset) throw new Error('percentiles need bucketStats(..., true)');
      const lo = stats.offset[b] as number;
      return percentileInPlace(stats.grouped.subarray(lo, lo + n), measure === 'p50' ? 50 : 95);
    }
  }
}

/**
 * A chart series of one measure. Count and sum plot every bucket (an empty bucket is a
 * real 0); mean, percentiles and rates skip empty buckets (there is no value to draw).
 */
export function toSeries(stats: BucketStats, measure: BucketMeasure, key: string, label: string): ChartSeries {
  const xs: number[] = [];
  const ys: number[] = [];
  const dense = measure === 'count' || measure === 'sum';
  for (let b = 0; b < stats.axis.count; b++) {
    if (!dense && stats.count[b] === 0) continue;
    xs.push(bucketStart(stats.axis, b));
    ys.push(measureOf(stats, b, measure));
  }
  return { key, label, xs, ys };
}

/** Running total of a per-bucket sum (cost so far), one point per bucket. */
export function cumulativeSeries(stats: BucketStats, key: string, label: string): ChartSeries {
  const xs: number[] = [];
  const ys: number[] = [];
  let total = 0;
  for (let b = 0; b < stats.axis.count; b++) {
    total += stats.sum[b] as number;
    xs.push(bucketStart(stats.axis, b));
    ys.push(total);
  }
  return { key, label, xs, ys };
}
