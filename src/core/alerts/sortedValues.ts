/**
 * A sorted multiset of numbers for exact sliding-window percentiles, min and max:
 * values live in sorted chunks of a few hundred (the layout of Python's
 * sortedcontainers), so insert and remove cost O(log n + chunk) instead of O(n), and
 * the k-th value is a walk over chunk lengths. Exact: no sketches.
 */

import { percentileSorted } from '../metrics/stats';

const LOAD = 256;

function bisectLeft(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bisectRight(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedValues {
  private chunks: number[][] = [];
  /** Largest value of each chunk, to find a value's chunk by binary search. */
  private maxes: number[] = [];
  private total = 0;

  get size(): number {
    return this.total;
  }

  insert(value: number): void {
    this.total++;
    if (this.chunks.length === 0) {
      this.chunks.push([value]);
      this.maxes.push(value);
      return;
    }
    let c = bisectLeft(this.maxes, value);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c] as number[];
    chunk.splice(bisectRight(chunk, value), 0, value);
    this.maxes[c] = chunk[chunk.length - 1] as number;
    if (chunk.length > 2 * LOAD) {
      const tail = chunk.splice(LOAD);
      this.chunks.splice(c + 1, 0, tail);
      this.maxes.splice(c, 1, chunk[chunk.length - 1] as number, tail[tail.length - 1] as number);
    }
  }

  /** Removes one occurrence of `value`; false when it is not there. */
  remove(value: number): boolean {
    const c = bisectLeft(this.maxes, value);
    const chunk = this.chunks[c];
    if (chunk === undefined) return false;
    const i = bisectLeft(chunk, value);
    if (chunk[i] !== value) return false;
    chunk.splice(i, 1);
    this.total--;
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      this.maxes.splice(c, 1);
    } else {
      this.maxes[c] = chunk[chunk.length - 1] as number;
    }
    return true;
  }

  /** The k-th smallest value (0-based); NaN outside 0..size-1. */
  at(k: number): number {
    if (k < 0 || k >= this.total) return NaN;
    let rest = k;
    if (rest >= this.total / 2) {
      // Walk from the end when k is in the upper half (p90..p99 are).
      rest = this.total - 1 - k;
      for (let c = this.chunks.length - 1; c >= 0; c--) {
        const chunk = this.chunks[c] as number[];
        if (rest < chunk.length) return chunk[chunk.length - 1 - rest] as number;
        rest -= chunk.length;
      }
      return NaN;
    }
    for (const chunk of this.chunks) {
      if (rest < chunk.length) return chunk[rest] as number;
      rest -= chunk.length;
    }
    return NaN;
  }

  get min(): number {
    return this.total === 0 ? NaN : ((this.chunks[0] as number[])[0] as number);
  }

  get max(): number {
    return this.total === 0 ? NaN : (this.maxes[this.maxes.length - 1] as number);
  }

  /** numpy.percentile(method="linear"), computed by the report's own `percentileSorted` so both agree bit for bit. */
  percentile(p: number): number {
    const n = this.total;
    if (n === 0) return NaN;
    const h = (n - 1) * (p / 100);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    // percentileSorted reads only indices lo and hi: hand it just those two values.
    const view: Record<number, number> & { length: number } = { length: n };
    view[lo] = this.at(lo);
    view[hi] = this.at(hi);
    return percentileSorted(view, p);
  }

  clear(): void {
    this.chunks = [];
    this.maxes = [];
    this.total = 0;
  }
}
