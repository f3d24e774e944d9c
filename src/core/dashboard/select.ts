/**
 * Exact percentiles without sorting: quickselect finds the two ranks numpy's linear
 * method interpolates between in O(n), where a bucket sort would be O(n log n). Same
 * interpolation as `percentileSorted`, so the values match the Metrics view bit for bit.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/** Rearranges `a[lo..hi]` so `a[k]` holds the value of rank k (Hoare partition, median of three). */
export function selectRank(a: Float64Array, k: number, lo = 0, hi = a.length - 1): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** numpy.percentile(values, p) (linear); reorders `values`. NaN when empty. */
export function percentileInPlace(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n === 1) return values[0] as number;
  const h = (n - 1) * (p / 100);
  const lo = Math.floor(h);
  selectRank(values, lo);
  const a = values[lo] as number;
  if (lo + 1 >= n) return a;
  // After selection everything right of `lo` is >= a: the next rank is their minimum.
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if ((values[i] as number) < b) b = values[i] as number;
  const t = h - lo;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
