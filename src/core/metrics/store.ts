/**
 * The exact metric store: one series per (name, tags), each a pair of float64 columns
 * (timestamp, value). No sketches, no per-point objects (16 bytes a point).
 */
import { Column } from '../util/columns';
import { stableOrder } from '../util/order';
import { formatIso } from '../util/time';
import { summarize, type SummaryStats } from './stats';

export type Tags = Readonly<Record<string, string>>;

export class Series {
  // Start small: per-workflow series hold a single point each.
  readonly ts = new Column(Float64Array, 2);
  readonly values = new Column(Float64Array, 2);
  private ordered = true;

  constructor(readonly name: string, readonly tags: Tags, readonly key: string) {}

  add(ts: number, value: number): void {
    const n = this.ts.length;
    if (n > 0 && ts < this.ts.get(n - 1)) this.ordered = false;
    this.ts.push(ts);
    this.values.push(value);
  }

  get length(): number {
    return this.ts.length;
  }

  /** Sorts points by time (stable), needed before range queries; cheap when already ordered. */
  ensureOrdered(): void {
    if (this.ordered) return;
    const ts = this.ts.view();
    const values = this.values.view();
    const order = stableOrder(ts);
    const ts2 = Float64Array.from(order, (i) => ts[i] as number);
    const values2 = Float64Array.from(order, (i) => values[i] as number);
    ts.set(ts2);
    values.set(values2);
    this.ordered = true;
  }

  /** Index of the first point with ts >= t (points must be ordered). */
  lowerBound(t: number): number {
    const ts = this.ts.view();
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ts[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first point with ts > t. */
  upperBound(t: number): number {
    const ts = this.ts.view();
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops points older than `cutoff` (retention). */
  dropBefore(cutoff: number): number {
    this.ensureOrdered();
    const count = this.lowerBound(cutoff);
    this.ts.dropFront(count);
    this.values.dropFront(count);
    return count;
  }
}

export interface TimeRange {
  /** Inclusive lower bound, epoch ms. */
  from?: number;
  /** Inclusive upper bound, epoch ms. */
  to?: number;
}

export interface MetricSummary extends SummaryStats {
  latest_timestamp: string;
  oldest_timestamp: string;
}

export interface NoMetrics {
  count: 0;
  message: 'No metrics found';
}

function seriesKey(name: string, tags: Tags): string {
  const keys = Object.keys(tags).sort();
  let key = name;
  for (const k of keys) key += `\u0000${k}\u0001${tags[k]}`;
  return key;
}

export function tagsMatch(tags: Tags, filter: Tags | undefined): boolean {
  if (!filter) return true;
  for (const k of Object.keys(filter)) {
    if (!Object.prototype.hasOwnProperty.call(tags, k) || tags[k] !== filter[k]) return false;
  }
  return true;
}

export class MetricStore {
  private readonly byKey = new Map<string, Series>();
  private readonly byName = new Map<string, Series[]>();
  /** Fast path for the derived metrics, which carry exactly one tag: name → tag key → value → series. */
  private readonly singleTag = new Map<string, Map<string, Map<string, Series>>>();
  private points = 0;

  record(name: string, tags: Tags, ts: number, value: number): void {
    this.series(name, tags).add(ts, value);
    this.points++;
  }

  /** Same as `record(name, {[tagKey]: tagValue}, …)` without building a tags object per point. */
  recordTagged(name: string, tagKey: string, tagValue: string, ts: number, value: number): void {
    let byKey = this.singleTag.get(name);
    if (!byKey) this.singleTag.set(name, (byKey = new Map()));
    let byValue = byKey.get(tagKey);
    if (!byValue) byKey.set(tagKey, (byValue = new Map()));
    let s = byValue.get(tagValue);
    if (!s) {
      const tags: Record<string, string> = Object.create(null) as Record<string, string>;
      tags[tagKey] = tagValue;
      s = this.series(name, tags);
      byValue.set(tagValue, s);
    }
    s.add(ts, value);
    this.points++;
  }

  private series(name: string, tags: Tags): Series {
    const key = seriesKey(name, tags);
    let s = this.byKey.get(key);
    if (!s) {
      s = new Series(name, tags, key);
      this.byKey.set(key, s);
      let list = this.byName.get(name);
      if (!list) {
        list = [];
        this.byName.set(name, list);
      }
      list.push(s);
    }
    return s;
  }

  get pointCount(): number {
    return this.points;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  seriesOf(name: string, tags?: Tags): Series[] {
    return (this.byName.get(name) ?? []).filter((s) => tagsMatch(s.tags, tags));
  }

  allSeries(): Iterable<Series> {
    return this.byKey.values();
  }

  /** `get_metrics_summary(name, time_range, tags)` plus p50/p90/p95/p99. */
  summary(name: string, range: TimeRange = {}, tags?: Tags): MetricSummary | NoMetrics {
    return summarizeSeries(this.seriesOf(name, tags), range);
  }

  /** Retention measured back from the newest point seen. */
  dropBefore(cutoff: number): void {
    for (const s of this.byKey.values()) this.points -= s.dropBefore(cutoff);
  }

  /** Drops the growth slack of every series. */
  compact(): void {
    for (const s of this.byKey.values()) {
      s.ts.shrinkToFit();
      s.values.shrinkToFit();
    }
  }

  get byteLength(): number {
    let bytes = 0;
    for (const s of this.byKey.values()) bytes += s.ts.byteLength + s.values.byteLength;
    return bytes;
  }
}

/** Values and time bounds of the points of `series` inside `range`. */
export function collect(series: readonly Series[], range: TimeRange): { values: Float64Array; oldest: number; latest: number } {
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  const only = series.length === 1 ? series[0] : undefined;
  if (only && from === -Infinity && to === Infinity) {
    // The report's per-series rows: one copy, no slice bookkeeping.
    only.ensureOrdered();
    const n = only.length;
    const ts = only.ts.view();
    return { values: only.values.view().slice(), oldest: n ? (ts[0] as number) : Infinity, latest: n ? (ts[n - 1] as number) : -Infinity };
  }
  const slices: Array<[Series, number, number]> = [];
  let total = 0;
  for (const s of series) {
    s.ensureOrdered();
    const a = from === -Infinity ? 0 : s.lowerBound(from);
    const b = to === Infinity ? s.length : s.upperBound(to);
    if (b > a) {
      slices.push([s, a, b]);
      total += b - a;
    }
  }
  const values = new Float64Array(total);
  let oldest = Infinity;
  let latest = -Infinity;
  let at = 0;
  for (const [s, a, b] of slices) {
    values.set(s.values.view().subarray(a, b), at);
    at += b - a;
    const ts = s.ts.view();
    oldest = Math.min(oldest, ts[a] as number);
    latest = Math.max(latest, ts[b - 1] as number);
  }
  return { values, oldest, latest };
}

export function summarizeSeries(series: readonly Series[], range: TimeRange = {}): MetricSummary | NoMetrics {
  const { values, oldest, latest } = collect(series, range);
  if (values.length === 0) return { count: 0, message: 'No metrics found' };
  const s = summarize(values);
  // One literal in the seed's key order (no spreads: reports build tens of thousands of these).
  return {
    count: s.count, sum: s.sum, mean: s.mean, median: s.median, min: s.min, max: s.max, stddev: s.stddev,
    latest_timestamp: formatIso(latest), oldest_timestamp: formatIso(oldest),
    p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99,
  };
}
