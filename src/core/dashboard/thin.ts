/**
 * Raw points for a line chart, bounded for transfer. Up to `maxPoints` every point is
 * kept; beyond that the time range is cut into slots and each slot keeps its first,
 * lowest, highest and last point (M4 aggregation), which draws the same line at chart
 * width. The result is what chart.js decimation wants: sorted by x, finite, `parsing:
 * false`-ready. Slices may overlap in time and arrive unsorted: one pass, no global sort.
 */
import type { PointSlice } from './points';
import { pointCount } from './points';
import { stableOrder } from '../util/order';

export interface ThinnedPoints {
  xs: number[];
  ys: number[];
  /** Points before thinning. */
  total: number;
}

/** Every slice's points in one pair of columns, slice after slice. */
function concat(slices: readonly PointSlice[], total: number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(total);
  const ys = new Float64Array(total);
  let at = 0;
  for (const { ts, values } of slices) {
    xs.set(ts, at);
    ys.set(values, at);
    at += ts.length;
  }
  return { xs, ys };
}

function mergeAll(slices: readonly PointSlice[], total: number): ThinnedPoints {
  const { xs, ys } = concat(slices, total);
  const order = stableOrder(xs);
  return { xs: Array.from(order, (i) => xs[i] as number), ys: Array.from(order, (i) => ys[i] as number), total };
}

export function thinPoints(slices: readonly PointSlice[], from: number, to: number, maxPoints: number): ThinnedPoints {
  const total = pointCount(slices);
  if (total <= maxPoints) return mergeAll(slices, total);
  const slots = Math.max(1, Math.floor(maxPoints / 4));
  const span = Math.max(1, to - from);
  // Per slot: index (into a flat numbering of all slices) of first, min, max and last point.
  const first = new Int32Array(slots).fill(-1);
  const low = new Int32Array(slots).fill(-1);
  const high = new Int32Array(slots).fill(-1);
  const last = new Int32Array(slots).fill(-1);
  const { xs, ys } = concat(slices, total);
  for (let i = 0; i < total; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const s = Math.min(slots - 1, Math.max(0, Math.floor(((x - from) / span) * slots)));
    const f = first[s] as number;
    if (f < 0 || x < (xs[f] as number)) first[s] = i;
    const l = last[s] as number;
    if (l < 0 || x >= (xs[l] as number)) last[s] = i;
    const lo = low[s] as number;
    if (lo < 0 || y < (ys[lo] as number)) low[s] = i;
    const hi = high[s] as number;
    if (hi < 0 || y > (ys[hi] as number)) high[s] = i;
  }
  const outX: number[] = [];
  const outY: number[] = [];
  const picked: number[] = [];
  for (let s = 0; s < slots; s++) {
    if (first[s] === -1) continue;
    picked.length = 0;
    for (const i of [first[s], low[s], high[s], last[s]] as number[]) if (!picked.includes(i)) picked.push(i);
    picked.sort((a, b) => (xs[a] as number) - (xs[b] as number) || a - b);
    for (const i of picked) {
      outX.push(xs[i] as number);
      outY.push(ys[i] as number);
    }
  }
  return { xs: outX, ys: outY, total };
}
