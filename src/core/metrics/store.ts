/**
 * The exact metric store: one series per (name, tags), each a pair of float64 columns
 * (timestamp, value). No sketches, no per-point objects (16 bytes a point).
 */
import { Column } from '../util/columns';
import { stableOrder } from '../util/order';
import { formatIso } from '../util/time';
import { summarize, type SummaryStats } from './stats';

export type Tags = Readonly<Record<string, string>>;

/**
 * Where small series keep their points: two shared float64 columns in which each small
 * series owns a slot of 1, 2, 4 or 8 points. Per-workflow metrics (`workflow_*`) are one
 * point per series, tens of thousands of series: a pair of typed arrays each would cost
 * ~500 bytes a series (a typed array is ~220 bytes before its data), a slot costs 16.
 * A slot that outgrows itself moves once (its old cells stay unused: at most 7 a series).
 */
export class PointArena {
  readonly ts = new Column(Float64Array, 4096);
  readonly values = new Column(Float64Array, 4096);

  allocate(capacity: number): number {
    const start = this.ts.length;
    for (let i = 0; i < capacity; i++) {
      this.ts.push(NaN);
      this.values.push(NaN);
    }
    return start;
  }

  get byteLength(): number {
    return this.ts.byteLength + this.values.byteLength;
  }

  compact(): void {
    this.ts.shrinkToFit();
    this.values.shrinkToFit();
  }
}

/** Points a series keeps in the arena before it moves to columns of its own. */
const ARENA_MAX_POINTS = 8;

export class Series {
  /** Own columns once the series outgrows its arena slot; undefined while it lives in the arena. */
  private ownTs: Column<Float64Array> | undefined;
  private ownValues: Column<Float64Array> | undefined;
  private slotStart = -1;
  private slotCapacity = 0;
  private count = 0;
  private ordered = true;

  constructor(readonly name: string, readonly tags: Tags, private readonly arena: PointArena) {}

  add(ts: number, value: number): void {
    const n = this.count;
    if (n > 0 && ts < this.tsAt(n - 1)) this.ordered = false;
    if (!this.ownTs && n === this.slotCapacity) this.moveSlot(n + 1);
    const own = this.ownTs;
    if (own) {
      own.push(ts);
      (this.ownValues as Column<Float64Array>).push(value);
    } else {
      this.arena.ts.set(this.slotStart + n, ts);
      this.arena.values.set(this.slotStart + n, value);
    }
    this.count = n + 1;
  }

  private moveSlot(needed: number): void {
    const { arena } = this;
    const n = this.count;
    if (needed > ARENA_MAX_POINTS) {
      const ts = new Column(Float64Array, 2 * needed);
      const values = new Column(Float64Array, 2 * needed);
      for (let i = 0; i < n; i++) {
        ts.push(arena.ts.get(this.slotStart + i));
        values.push(arena.values.get(this.slotStart + i));
      }
      this.ownTs = ts;
      this.ownValues = values;
      this.slotStart = -1;
      this.slotCapacity = 0;
      return;
    }
    const capacity = n === 0 ? 1 : n * 2;
    const start = arena.allocate(capacity);
    for (let i = 0; i < n; i++) {
      arena.ts.set(start + i, arena.ts.get(this.slotStart + i));
      arena.values.set(start + i, arena.values.get(this.slotStart + i));
    }
    this.slotStart = start;
    this.slotCapacity = capacity;
  }

  get length(): number {
    return this.count;
  }

  tsAt(i: number): number {
    return this.ownTs ? this.ownTs.get(i) : this.arena.ts.get(this.slotStart + i);
  }

  valueAt(i: number): number {
    return this.ownValues ? this.ownValues.get(i) : this.arena.values.get(this.slotStart + i);
  }

  /** Timestamps, a view invalidated by the next point added to the store. */
  tsView(): Float64Array {
    return this.ownTs ? this.ownTs.view() : this.arena.ts.range(this.slotStart, this.slotStart + this.count);
  }

  /** Values, a view invalidated by the next point added to the store. */
  valuesView(): Float64Array {
    return this.ownValues ? this.ownValues.view() : this.arena.values.range(this.slotStart, this.slotStart + this.count);
  }

  /** The series key: name + sorted tags (orders report rows by their tags). */
  get key(): string {
    return seriesKey(this.name, this.tags);
  }

  /** Sorts points by time (stable), needed before range queries; cheap when already ordered. */
  ensureOrdered(): void {
    if (this.ordered) return;
    const ts = this.tsView();
    const values = this.valuesView();
    const order = stableOrder(ts);
    const ts2 = Float64Array.from(order, (i) => ts[i] as number);
    const values2 = Float64Array.from(order, (i) => values[i] as number);
    ts.set(ts2);
    values.set(values2);
    this.ordered = true;
  }

  /** Index of the first point with ts >= t (points must be ordered). */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tsAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first point with ts > t. */
  upperBound(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tsAt(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops points older than `cutoff` (retention). */
  dropBefore(cutoff: number): number {
    this.ensureOrdered();
    const count = this.lowerBound(cutoff);
    if (count === 0) return 0;
    if (this.ownTs) {
      this.ownTs.dropFront(count);
      (this.ownValues as Column<Float64Array>).dropFront(count);
    } else {
      const ts = this.tsView();
      const values = this.valuesView();
      ts.copyWithin(0, count);
      values.copyWithin(0, count);
    }
    this.count -= count;
    return count;
  }

  /**
   * Drops own columns' slack when more than half is unused (after retention). Growth leaves at
   * most a third unused, and copying a large column to its exact size costs more resident
   * memory than it frees: the old buffer's pages stay in the allocator's heap (measured on the
   * 1M-line bench: +29 B/event RSS for -7 B/event of arrayBuffers).
   */
  compact(): void {
    const own = this.ownTs;
    if (own && own.length * 2 < own.byteLength / 8) {
      own.shrinkToFit();
      this.ownValues?.shrinkToFit();
    }
  }

  get byteLength(): number {
    return this.ownTs ? this.ownTs.byteLength + (this.ownValues as Column<Float64Array>).byteLength : 0;
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
  private readonly arena = new PointArena();
  /** Series with zero or several tags, by key; single-tag series live in `singleTag` only. */
  private readonly byKey = new Map<string, Series>();
  private readonly byName = new Map<string, Series[]>();
  /** Every series, in creation order. */
  private readonly all: Series[] = [];
  /** Series with exactly one tag (every derived metric): name → tag key → value → series. */
  private readonly singleTag = new Map<string, Map<string, Map<string, Series>>>();
  private points = 0;

  record(name: string, tags: Tags, ts: number, value: number): void {
    const keys = Object.keys(tags);
    if (keys.length === 1) {
      const key = keys[0] as string;
      this.recordTagged(name, key, tags[key] as string, ts, value);
      return;
    }
    const key = seriesKey(name, tags);
    let s = this.byKey.get(key);
    if (!s) {
      s = this.create(name, tags);
      this.byKey.set(key, s);
    }
    s.add(ts, value);
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
      // A computed key defines an own property even for `__proto__`; without a prototype,
      // `tags.constructor` and friends are absent. Stays a fast object (~60 bytes).
      const tags = Object.setPrototypeOf({ [tagKey]: tagValue }, null) as Tags;
      s = this.create(name, tags);
      byValue.set(tagValue, s);
    }
    s.add(ts, value);
    this.points++;
  }

  private create(name: string, tags: Tags): Series {
    const s = new Series(name, tags, this.arena);
    let list = this.byName.get(name);
    if (!list) this.byName.set(name, (list = []));
    list.push(s);
    this.all.push(s);
    return s;
  }

  get pointCount(): number {
    return this.points;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  seriesOf(name: string, tags?: Tags): Series[] {
    const list = this.byName.get(name) ?? [];
    return tags ? list.filter((s) => tagsMatch(s.tags, tags)) : list.slice();
  }

  allSeries(): Iterable<Series> {
    return this.all;
  }

  /** `get_metrics_summary(name, time_range, tags)` plus p50/p90/p95/p99. */
  summary(name: string, range: TimeRange = {}, tags?: Tags): MetricSummary | NoMetrics {
    return summarizeSeries(this.seriesOf(name, tags), range);
  }

  /** Retention measured back from the newest point seen. */
  dropBefore(cutoff: number): void {
    for (const s of this.all) this.points -= s.dropBefore(cutoff);
  }

  /** Drops the arena's slack and that of series mostly emptied by retention. */
  compact(): void {
    this.arena.compact();
    for (const s of this.all) s.compact();
  }

  get byteLength(): number {
    let bytes = this.arena.byteLength;
    for (const s of this.all) bytes += s.byteLength;
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
    return { values: only.valuesView().slice(), oldest: n ? only.tsAt(0) : Infinity, latest: n ? only.tsAt(n - 1) : -Infinity };
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
    values.set(s.valuesView().subarray(a, b), at);
    at += b - a;
    oldest = Math.min(oldest, s.tsAt(a));
    latest = Math.max(latest, s.tsAt(b - 1));
  }
  return { values, oldest, latest };
}

export function summarizeSeries(series: readonly Series[], range: TimeRange = {}): MetricSummary | NoMetrics {
  const { values, oldest, latest } = collect(series, range);
  if (values.length === 0) return { count: 0, message: 'No metrics found' };
  const s = summarize(values);
  const latestIso = formatIso(latest);
  // One literal in the seed's key order (no spreads: reports build tens of thousands of these).
  return {
    count: s.count, sum: s.sum, mean: s.mean, median: s.median, min: s.min, max: s.max, stddev: s.stddev,
    latest_timestamp: latestIso, oldest_timestamp: oldest === latest ? latestIso : formatIso(oldest),
    p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99,
  };
}
