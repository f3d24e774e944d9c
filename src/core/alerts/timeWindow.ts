/**
 * The sliding window of one alert stream: entries (ts, value) kept in time order in a
 * ring of typed arrays (16 bytes an entry), evicted from the front as time passes.
 * Aggregates are maintained as entries come and go, so evaluating a rule costs O(1) for
 * count, sum, mean and latest and about O(log n + chunk) for percentiles, min and max,
 * never a re-scan. Only the newest entry's line is kept: it is the last contributing
 * event, and entries leave from the oldest end.
 */
import type { Aggregate } from '../metrics/stats';
import { SortedValues } from './sortedValues';

/** Where an entry came from: the line, and the workflow of its event (0 = none, an interned id). */
export interface EntryRef {
  sourceId: number;
  line: number;
  byteOffset: number;
  workflowId: number;
}

const NEEDS_ORDER: ReadonlySet<Aggregate> = new Set(['min', 'max', 'median', 'p50', 'p90', 'p95', 'p99']);

export class TimeWindow {
  private ts = new Float64Array(16);
  private values = new Float64Array(16);
  private head = 0;
  private size = 0;
  /** Line of the newest entry ever added (kept after it leaves, for no_data alerts). */
  private newest: EntryRef | undefined;
  private newestRefTs = -Infinity;
  /** Neumaier-compensated running sum of the values in the window. */
  private sum = 0;
  private compensation = 0;
  private removedSinceExact = 0;
  private readonly sorted: SortedValues | undefined;
  /** Bumped on every change, so callers can cache what they computed from the window. */
  version = 0;

  constructor(aggregate: Aggregate) {
    this.sorted = NEEDS_ORDER.has(aggregate) ? new SortedValues() : undefined;
  }

  get count(): number {
    return this.size;
  }

  private slot(i: number): number {
    return (this.head + i) & (this.ts.length - 1);
  }

  tsAt(i: number): number {
    return this.ts[this.slot(i)] as number;
  }

  get oldestTs(): number {
    return this.size === 0 ? NaN : this.tsAt(0);
  }

  get newestTs(): number {
    return this.size === 0 ? NaN : this.tsAt(this.size - 1);
  }

  /** Where the newest entry came from: the last contributing event (or, once empty, the last one seen). */
  newestRef(): EntryRef | undefined {
    return this.newest;
  }

  /** Remembers an entry's line when it is the newest so far (also for entries too old to enter). */
  noteRef(ts: number, ref: EntryRef): void {
    if (ts < this.newestRefTs) return;
    this.newestRefTs = ts;
    const n = (this.newest ??= { sourceId: 0, line: 0, byteOffset: 0, workflowId: 0 });
    n.sourceId = ref.sourceId;
    n.line = ref.line;
    n.byteOffset = ref.byteOffset;
    n.workflowId = ref.workflowId;
  }

  /** Adds an entry, keeping time order; entries with equal timestamps stay in arrival order. */
  insert(ts: number, value: number, ref: EntryRef): void {
    if (this.size === this.ts.length) this.grow();
    let at = this.size;
    // Out-of-order arrivals (live tailing of several files) are rare: shift them into place.
    while (at > 0 && this.tsAt(at - 1) > ts) {
      const from = this.slot(at - 1);
      const to = this.slot(at);
      this.ts[to] = this.ts[from] as number;
      this.values[to] = this.values[from] as number;
      at--;
    }
    const s = this.slot(at);
    this.ts[s] = ts;
    this.values[s] = value;
    this.size++;
    this.addToSum(value);
    this.sorted?.insert(value);
    this.noteRef(ts, ref);
    this.version++;
  }

  /** Drops entries no longer in the window (t − duration, t]: those with ts + duration <= t. */
  evict(t: number, durationMs: number): number {
    let removed = 0;
    const mask = this.ts.length - 1;
    while (this.size > 0 && (this.ts[this.head] as number) + durationMs <= t) {
      const value = this.values[this.head] as number;
      this.addToSum(-value);
      this.sorted?.remove(value);
      this.head = (this.head + 1) & mask;
      this.size--;
      removed++;
    }
    if (removed > 0) {
      this.version++;
      this.removedSinceExact += removed;
      if (this.size === 0) this.resetSum();
      else if (this.removedSinceExact > this.size + 64) this.recomputeSum();
      this.maybeShrink();
    }
    return removed;
  }

  /** The aggregate of the window; NaN when it is empty (callers never let NaN escape). */
  aggregate(kind: Aggregate): number {
    const n = this.size;
    if (n === 0) return NaN;
    switch (kind) {
      case 'count':
        return n;
      case 'sum':
        return this.sum + this.compensation;
      case 'mean':
        return (this.sum + this.compensation) / n;
      case 'latest':
        return this.values[this.slot(n - 1)] as number;
      case 'min':
        return this.sorted ? this.sorted.min : NaN;
      case 'max':
        return this.sorted ? this.sorted.max : NaN;
      case 'median':
      case 'p50':
        return this.sorted ? this.sorted.percentile(50) : NaN;
      case 'p90':
        return this.sorted ? this.sorted.percentile(90) : NaN;
      case 'p95':
        return this.sorted ? this.sorted.percentile(95) : NaN;
      case 'p99':
        return this.sorted ? this.sorted.percentile(99) : NaN;
    }
  }

  private addToSum(v: number): void {
    const t = this.sum + v;
    if (Math.abs(this.sum) >= Math.abs(v)) this.compensation += this.sum - t + v;
    else this.compensation += v - t + this.sum;
    this.sum = t;
  }

  private resetSum(): void {
    this.sum = 0;
    this.compensation = 0;
    this.removedSinceExact = 0;
  }

  /** Subtracting what was added leaves rounding residue; re-adding from scratch now and then keeps it exact (amortised O(1)). */
  private recomputeSum(): void {
    this.resetSum();
    for (let i = 0; i < this.size; i++) this.addToSum(this.values[this.slot(i)] as number);
  }

  /** Doubles the ring (capacity stays a power of two), unrolling it to start at slot 0. */
  private grow(): void {
    this.resize(this.ts.length * 2);
  }

  /** Gives memory back after a burst: a window that shrank to a quarter of its ring halves it. */
  private maybeShrink(): void {
    if (this.ts.length > 256 && this.size * 4 < this.ts.length) this.resize(this.ts.length / 2);
  }

  private resize(capacity: number): void {
    const mask = this.ts.length - 1;
    const head = this.head;
    const size = this.size;
    const unroll = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(capacity);
      for (let i = 0; i < size; i++) next[i] = old[(head + i) & mask] as number;
      return next;
    };
    this.ts = unroll(this.ts);
    this.values = unroll(this.values);
    this.head = 0;
  }
}
