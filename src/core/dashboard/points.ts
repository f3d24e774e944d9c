/**
 * Metric points for charts, read straight from the store's columns: a list of sorted
 * slices (one per matching series) instead of copies, so a million points cost nothing
 * until a chart asks for them.
 */
import type { MetricStore, Series, Tags } from '../metrics/store';
import type { TagFilter, TimeAxis } from './types';

/** The points of one series inside a time range, sorted by time. */
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

export function sliceOf(series: Series, from: number, to: number): PointSlice {
  series.ensureOrdered();
  const a = from === -Infinity ? 0 : series.lowerBound(from);
  const b = to === Infinity ? series.length : series.upperBound(to);
  return { ts: series.ts.view().subarray(a, b), values: series.values.view().subarray(a, b), tags: series.tags };
}

/** Slices of `metric` whose series carry `required` and pass `filter`, inside the axis. */
export function slicesOf(store: MetricStore, metric: string, axis: TimeAxis, filter: TagFilter, required: TagFilter = {}): PointSlice[] {
  const out: PointSlice[] = [];
  for (const series of store.seriesOf(metric)) {
    if (!hasTags(series.tags, required) || !filterKeeps(series.tags, filter)) continue;
    const slice = sliceOf(series, axis.from, axis.to);
    if (slice.ts.length > 0) out.push(slice);
  }
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

/** Oldest point of every series in the store (the start of the "all" range). */
export function oldestPoint(store: MetricStore): number {
  let oldest = Infinity;
  for (const series of store.allSeries()) {
    if (series.length === 0) continue;
    series.ensureOrdered();
    const first = series.ts.get(0);
    if (first < oldest) oldest = first;
  }
  return oldest;
}
