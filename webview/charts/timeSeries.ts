/**
 * chart.js configurations for time charts: x is epoch ms on a linear scale (no date
 * adapter needed), lines are pre-parsed `{x, y}` points (`parsing: false`) so the
 * decimation plugin can thin them to the canvas width, bars are bucket counts.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { displayName } from '../../src/core/dashboard/text';
import type { ChartSeries, TimeAxis } from '../../src/core/dashboard/types';
import { formatTick, formatTime } from '../format';
import { withAlpha, type Palette } from '../theme';
import type { DrawnSeries } from './chartHost';

export interface StyledSeries {
  series: ChartSeries;
  color: string;
  /** Thin, translucent line without points (raw samples under the percentile lines). */
  faint?: boolean;
  dashed?: boolean;
  /** Plot at bucket centres (series built per bucket) rather than at the given x. */
  bucketed?: boolean;
}

export interface TimeChartSpec {
  axis: TimeAxis;
  lines: StyledSeries[];
  palette: Palette;
  yTitle: string;
  yFormat: (value: number) => string;
  yMax?: number;
  /** Counts: whole-number ticks. */
  integer?: boolean;
}

type Point = { x: number; y: number };

function pointsOf(s: StyledSeries, axis: TimeAxis): Point[] {
  const shift = s.bucketed ? axis.bucketMs / 2 : 0;
  const { xs, ys } = s.series;
  const out: Point[] = new Array<Point>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = { x: (xs[i] as number) + shift, y: ys[i] as number };
  return out;
}

export function drawnSeries(lines: readonly StyledSeries[]): DrawnSeries[] {
  return lines.map((l) => ({ label: l.series.label, points: l.series.xs.length }));
}

function xScale(axis: TimeAxis, palette: Palette): Record<string, unknown> {
  const span = Math.max(1, axis.to + axis.bucketMs - axis.from);
  return {
    type: 'linear',
    min: axis.from,
    max: axis.from + axis.count * axis.bucketMs,
    grid: { color: withAlpha(palette.lines, 0.35) },
    ticks: { color: palette.foreground, maxRotation: 0, autoSkipPadding: 24, callback: (value: number | string) => formatTick(Number(value), span) },
  };
}

function tooltip(axis: TimeAxis, yFormat: (v: number) => string): Record<string, unknown> {
  const withDate = axis.count * axis.bucketMs > 86_400_000;
  return {
    callbacks: {
      title: (items: TooltipItem<'line' | 'bar'>[]) => (items[0] ? formatTime(Number(items[0].parsed.x), withDate) : ''),
      label: (item: TooltipItem<'line' | 'bar'>) => `${item.dataset.label ?? ''}: ${yFormat(Number(item.parsed.y))}`,
    },
  };
}

function yScale(spec: TimeChartSpec, stacked: boolean): Record<string, unknown> {
  return {
    beginAtZero: true,
    stacked,
    ...(spec.yMax !== undefined ? { max: spec.yMax } : {}),
    title: { display: true, text: spec.yTitle, color: spec.palette.foreground },
    grid: { color: withAlpha(spec.palette.lines, 0.35) },
    ticks: { color: spec.palette.foreground, ...(spec.integer ? { precision: 0 } : {}), callback: (value: number | string) => spec.yFormat(Number(value)) },
  };
}

function legend(palette: Palette): Record<string, unknown> {
  return { position: 'bottom', labels: { color: palette.foreground, boxWidth: 12 } };
}

/** Lines over time, decimated (min-max keeps spikes) when a series has more points than pixels. */
export function lineChart(spec: TimeChartSpec): ChartConfiguration<'line', Point[]> {
  const datasets: ChartDataset<'line', Point[]>[] = spec.lines.map((s) => ({
    // Labels are log data drawn on a canvas (legend, tooltip): shortened, invisible characters shown.
    label: displayName(s.series.label, 60),
    data: pointsOf(s, spec.axis),
    borderColor: s.faint ? withAlpha(s.color, 0.45) : s.color,
    backgroundColor: s.color,
    borderWidth: s.faint ? 1 : 2,
    borderDash: s.dashed ? [6, 3] : [],
    pointRadius: s.faint || s.series.xs.length > 60 ? 0 : 2,
    pointHoverRadius: 3,
    tension: 0,
    spanGaps: true,
  }));
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false, axis: 'x' },
      scales: { x: xScale(spec.axis, spec.palette), y: yScale(spec, false) },
      plugins: {
        decimation: { enabled: true, algorithm: 'min-max' },
        legend: legend(spec.palette),
        tooltip: tooltip(spec.axis, spec.yFormat),
      },
    },
  };
}

/** Per-bucket bars (stacked when there are several series). */
export function barChart(spec: TimeChartSpec): ChartConfiguration<'bar', Point[]> {
  const datasets: ChartDataset<'bar', Point[]>[] = spec.lines.map((s) => ({
    label: displayName(s.series.label, 60),
    data: pointsOf({ ...s, bucketed: true }, spec.axis),
    backgroundColor: withAlpha(s.color, 0.8),
    borderColor: s.color,
    borderWidth: 0,
    barPercentage: 1,
    categoryPercentage: 0.9,
    stack: 'all',
  }));
  return {
    type: 'bar',
    data: { datasets },
    options: {
      interaction: { mode: 'index', intersect: false },
      // No category offset: bars line up with the line charts' time axis.
      scales: { x: { ...xScale(spec.axis, spec.palette), stacked: true, offset: false, grid: { offset: false, color: withAlpha(spec.palette.lines, 0.35) } }, y: yScale(spec, true) },
      plugins: { legend: legend(spec.palette), tooltip: tooltip(spec.axis, spec.yFormat) },
    },
  };
}
