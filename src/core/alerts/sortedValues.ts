/**
 * A sorted multiset of numbers for exact sliding-window percentiles, min and max:
 * values live in sorted chunks of a few hundred (the layout of Python's
 * sortedcontainers), so insert and remove cost O(log n + chunk) instead of O(n), and
 * the k-th value is a walk over chunk lengths from the nearer end. Chunks are typed
 * arrays shifted in place: no allocation per operation. Exact: no sketches.
 */

const LOAD = 512;
const CAPACITY = 2 * LOAD;

export class SortedValues {
  private chunks: Float64Array[] = [];
  private lengths: number[] = [];
  /** Largest value of each chunk, to find a value's chunk by binary search. */
  private maxes: number[] = [];
  private total = 0;

  get size(): number {
    return this.total;
  }

  /** First chunk whose max is >= x (chunks.length when none). */
  private chunkFor(x: number): number {
    const maxes = this.maxes;
    let lo = 0;
    let hi = maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((maxes[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(value: number): void {
    this.total++;
    if (this.chunks.length === 0) {
      const chunk = new Float64Array(CAPACITY);
      chunk[0] = value;
      this.chunks.push(chunk);
      this.lengths.push(1);
      this.maxes.push(value);
      return;
    }
    let c = this.chunkFor(value);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c] as Float64Array;
    const n = this.lengths[c] as number;
    // Upper bound: equal values go after the ones already there.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((chunk[mid] as number) <= value) lo = mid + 1;
      else hi = mid;
    }
    chunk.copyWithin(lo + 1, lo, n);
    chunk[lo] = value;
    this.lengths[c] = n + 1;
    this.maxes[c] = chunk[n] as number;
    if (n + 1 === CAPACITY) this.split(c);
  }

  private split(c: number): void {
    const chunk = this.chunks[c] as Float64Array;
    const tail = new Float64Array(CAPACITY);
    tail.set(chunk.subarray(LOAD, CAPACITY));
    this.chunks.splice(c + 1, 0, tail);
    this.lengths.splice(c, 1, LOAD, CAPACITY - LOAD);
    this.maxes.splice(c, 1, chunk[LOAD - 1] as number, tail[CAPACITY - LOAD - 1] as number);
  }

  /** Removes one occurrence of `value`; false when it is not there. */
  remove(value: number): boolean {
    const c = this.chunkFor(value);
    const chunk = this.chunks[c];
    if (chunk === undefined) return false;
    const n = this.lengths[c] as number;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((chunk[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo === n || chunk[lo] !== value) return false;
    chunk.copyWithin(lo, lo + 1, n);
    this.total--;
    if (n === 1) {
      this.chunks.splice(c, 1);
      this.lengths.splice(c, 1);
      this.maxes.splice(c, 1);
    } else {
      this.lengths[c] = n - 1;
      this.maxes[c] = chunk[n - 2] as number;
    }
    return true;
  }

  /** The k-th smallest value (0-based); NaN outside 0..size-1. */
  at(k: number): number {
    if (k < 0 || k >= this.total) return NaN;
    const lengths = this.lengths;
    if (k >= this.total / 2) {
      // Walk from the end when k is in the upper half (p90..p99 are).
      let rest = this.total - 1 - k;
      for (let c = lengths.length - 1; c >= 0; c--) {
        const n = lengths[c] as number;
        if (rest < n) return (this.chunks[c] as Float64Array)[n - 1 - rest] as number;
        rest -= n;
      }
      return NaN;
    }
    let rest = k;
    for (let c = 0; c < lengths.length; c++) {
      const n = lengths[c] as number;
      if (rest < n) return (this.chunks[c] as Float64Array)[rest] as number;
      rest -= n;
    }
    return NaN;
  }

  get min(): number {
    return this.total === 0 ? NaN : ((this.chunks[0] as Float64Array)[0] as number);
  }

  get max(): number {
    return this.total === 0 ? NaN : (this.maxes[this.maxes.length - 1] as number);
  }

  /**
   * numpy.percentile(method="linear"), with numpy's `_lerp` (interpolating from the nearer
   * end) exactly as `percentileSorted` in metrics/stats.ts does, so alerts and the report
   * agree bit for bit (a unit test compares them).
   */
  percentile(p: number): number {
    const n = this.total;
    if (n === 0) return NaN;
    if (n === 1) return this.at(0);
    const h = (n - 1) * (p / 100);
    const lo = Math.floor(h);
    const a = this.at(lo);
    const b = this.at(Math.min(lo + 1, n - 1));
    const t = h - lo;
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  clear(): void {
    this.chunks = [];
    this.lengths = [];
    this.maxes = [];
    this.total = 0;
  }
}
