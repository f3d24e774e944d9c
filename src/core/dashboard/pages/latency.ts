/** Latency: one duration metric (all series or one agent/tool) as points, p50/p95 per bucket and a histogram. */
import { bucketStats, toSeries } from '../bucketStats';
import { histogram } from '../histogram';
import { percentileInPlace } from '../select';
import { slicesOf, type PointSlice } from '../points';
import { thinPoints } from '../thin';
import type { LatencyData, LatencySummary, SeriesSelection } from '../types';
import type { PageContext } from './context';

/** Raw points sent to the webview at most; chart.js decimation thins them further to the canvas width. */
export const RAW_POINTS = 8_000;
export const DEFAULT_LATENCY: SeriesSelection = { metric: 'agent_execution_duration_ms', tags: {} };

function allValues(slices: readonly PointSlice[]): Float64Array {
  let n = 0;
  for (const s of slices) n += s.values.length;
  const values = new Float64Array(n);
  let at = 0;
  for (const s of slices) {
    values.set(s.values, at);
    at += s.values.length;
  }
  return values;
}

/** Reorders `values` (quickselect), as `histogram` does. */
function summaryOf(values: Float64Array): LatencySummary | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    if (v > max) max = v;
  }
  return { count: n, mean: sum / n, p50: percentileInPlace(values, 50), p95: percentileInPlace(values, 95), p99: percentileInPlace(values, 99), max };
}

export function latencyPage(ctx: PageContext): LatencyData {
  const { axis } = ctx;
  const selection = ctx.query.latency ?? DEFAULT_LATENCY;
  const slices = slicesOf(ctx.engine.metrics, selection.metric, axis, ctx.query.tags, selection.tags, false);
  const stats = bucketStats(axis, slices, true);
  const raw = thinPoints(slices, axis.from, axis.to, RAW_POINTS);
  const values = allValues(slices);
  return {
    page: 'latency',
    axis,
    selection,
    raw: { key: 'raw', label: selection.metric, xs: raw.xs, ys: raw.ys },
    rawTotal: raw.total,
    p50: toSeries(stats, 'p50', 'p50', 'p50'),
    p95: toSeries(stats, 'p95', 'p95', 'p95'),
    summary: summaryOf(values),
    histogram: histogram(values),
  };
}
