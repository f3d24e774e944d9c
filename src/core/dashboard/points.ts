/**
 * Metric points for charts, read straight from the store's columns: one slice per
 * matching series, a view (no copy) when the whole series is in range. Slices are in
 * the order points arrived, not sorted: overlapping workflows log out of time order, and
 * sorting a series (what range queries need) would cost more than one pass over it.
 * Everything that reads slices is order-free (buckets, sums, selection) or sorts its
 * own small output (thinning).
 */
import type { MetricStore, Series, Tags } from '../metrics/store';
import type { TagFilter, TimeAxis } from './types';

/** The points of one series inside a time range, in arrival order. */
export interface PointSlice {
  ts: Float64Array;
  values: Float64Array;
  tags: Tags;
}

/**
 * Dashboard tag filters apply to the series that carry the filter's key: `agent_name=x`
 * narrows agent metrics and leaves tool metrics alone (they carry `tool_name`).
 */
export function filterKeeps(tags: Tags, filter: TagFilter): boolean {
  for (const key of Object.keys(filter)) {
    if (Object.prototype.hasOwnProperty.call(tags, key) && tags[key] !== filter[key]) return false;
  }
  return true;
}

/** Subset match: every key of `required` is present with that value. */
export function hasTags(tags: Tags, required: TagFilter): boolean {
  for (const key of Object.keys(required)) {
    if (!Object.prototype.hasOwnProperty.call(tags, key) || tags[key] !== required[key]) return false;
  }
  return true;
}

const EMPTY = new Float64Array(0);

/** `series`' points with from <= ts <= to: a view when all are inside, else a compact copy. */
export function sliceOf(series: Series, from: number, to: number): PointSlice {
  const ts = series.tsView();
  const values = series.valuesView();
  const n = ts.length;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[i] as number;
    if (t >= from && t <= to) inside++;
  }
  if (inside === n) return { ts, values, tags: series.tags };
  if (inside === 0) return { ts: EMPTY, values: EMPTY, tags: series.tags };
  const keptTs = new Float64Array(inside);
  const keptValues = new Float64Array(inside);
  for (let i = 0, k = 0; i < n; i++) {
    const t = ts[i] as number;
    if (t >= from && t <= to) {
      keptTs[k] = t;
      keptValues[k++] = values[i] as number;
    }
  }
  return { ts: keptTs, values: keptValues, tags: series.tags };
}

/** Series at most this long are copied into one merged slice when tags are not needed. */
const SMALL_SERIES = 32;

/** Appends the in-range points of small series into one buffer (no view or object per series). */
class MergedPoints {
  private ts = new Float64Array(256);
  private values = new Float64Array(256);
  private n = 0;

  add(series: Series, from: number, to: number): void {
    const len = series.length;
    for (let i = 0; i < len; i++) {
      const t = series.tsAt(i);
      if (!(t >= from && t <= to)) continue;
      if (this.n === this.ts.length) this.grow();
      this.ts[this.n] = t;
      this.values[this.n++] = series.valueAt(i);
    }
  }

  private grow(): void {
    const ts = new Float64Array(this.ts.length * 2);
    const values = new Float64Array(this.values.length * 2);
    ts.set(this.ts);
    values.set(this.values);
    this.ts = ts;
    this.values = values;
  }

  slice(): PointSlice | undefined {
    return this.n === 0 ? undefined : { ts: this.ts.subarray(0, this.n), values: this.values.subarray(0, this.n), tags: {} };
  }
}

/**
 * Slices of `metric` whose series carry `required` and pass `filter`, inside the axis.
 * With `keepTags` false, small series (one point per workflow for `workflow_*`) are merged
 * into one untagged slice: tens of thousands of them cost one buffer, not a view each.
 */
export function slicesOf(store: MetricStore, metric: string, axis: TimeAxis, filter: TagFilter, required: TagFilter = {}, keepTags = true): PointSlice[] {
  const out: PointSlice[] = [];
  const merged = keepTags ? undefined : new MergedPoints();
  for (const series of store.seriesOf(metric)) {
    if (!hasTags(series.tags, required) || !filterKeeps(series.tags, filter)) continue;
    if (merged && series.length <= SMALL_SERIES) {
      merged.add(series, axis.from, axis.to);
      continue;
    }
    const slice = sliceOf(series, axis.from, axis.to);
    if (slice.ts.length > 0) out.push(slice);
  }
  const small = merged?.slice();
  if (small) out.push(small);
  return out;
}

/** Slices grouped by the value of one tag (series without the tag are skipped). */
export function groupByTag(slices: readonly PointSlice[], key: string): Map<string, PointSlice[]> {
  const groups = new Map<string, PointSlice[]>();
  for (const slice of slices) {
    if (!Object.prototype.hasOwnProperty.call(slice.tags, key)) continue;
    const value = slice.tags[key] as string;
    let list = groups.get(value);
    if (!list) groups.set(value, (list = []));
    list.push(slice);
  }
  return groups;
}

export function pointCount(slices: readonly PointSlice[]): number {
  let n = 0;
  for (const s of slices) n += s.ts.length;
  return n;
}

/** Oldest point of every series in the store (the start of the "all" range): one scan, no sort. */
export function oldestPoint(store: MetricStore): number {
  let oldest = Infinity;
  for (const series of store.allSeries()) {
    for (let i = 0, n = series.length; i < n; i++) {
      const t = series.tsAt(i);
      if (t < oldest) oldest = t;
    }
  }
  return oldest;
}
