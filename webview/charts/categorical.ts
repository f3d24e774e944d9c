/** The two charts that are not lines over time: the duration histogram and the alert timeline. */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { displayName } from '../../src/core/dashboard/text';
import type { AlertInterval, Histogram, TimeAxis } from '../../src/core/dashboard/types';
import { formatDuration, formatTick, formatTime } from '../format';
import { withAlpha, type Palette } from '../theme';

export function histogramLabels(h: Histogram): string[] {
  const labels = h.edges.map((edge) => formatDuration(edge));
  if (h.overflow > 0 && h.overflowFrom !== null) labels.push(`≥ ${formatDuration(h.overflowFrom)}`);
  return labels;
}

export function histogramChart(h: Histogram, palette: Palette): ChartConfiguration<'bar'> {
  const counts = h.overflow > 0 ? [...h.counts, h.overflow] : h.counts;
  return {
    type: 'bar',
    data: {
      labels: histogramLabels(h),
      datasets: [{
        label: 'executions',
        data: counts,
        backgroundColor: counts.map((_, i) => withAlpha(i === h.counts.length ? palette.orange : palette.blue, 0.8)),
        barPercentage: 1,
        categoryPercentage: 0.95,
      }],
    },
    options: {
      scales: {
        x: { title: { display: true, text: 'duration (bin start)' }, ticks: { color: palette.foreground, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
        y: { beginAtZero: true, title: { display: true, text: 'count' }, ticks: { color: palette.foreground, precision: 0 }, grid: { color: withAlpha(palette.lines, 0.35) } },
      },
      plugins: { legend: { display: false } },
    },
  };
}

export function severityColor(severity: string, palette: Palette): string {
  if (severity === 'critical' || severity === 'error') return palette.red;
  if (severity === 'warning') return palette.orange;
  return palette.blue;
}

type Span = { x: [number, number]; y: string };

/** Firing periods as floating horizontal bars, one row per rule and group; still firing reaches "now". */
export function alertTimelineChart(intervals: readonly AlertInterval[], axis: TimeAxis, palette: Palette): ChartConfiguration<'bar', Span[]> {
  const end = axis.from + axis.count * axis.bucketMs;
  const rows = [...new Set(intervals.map((i) => i.stream))];
  const label = (stream: string): string => displayName(stream.replace('\u0000', ' ').replace(/ \[\]$/, ''), 60);
  const spans: Span[] = intervals.map((i) => ({ x: [Math.max(axis.from, i.start), i.end ?? end], y: label(i.stream) }));
  return {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: [{
        label: 'firing',
        data: spans,
        backgroundColor: intervals.map((i) => withAlpha(severityColor(i.severity, palette), i.end === null ? 0.9 : 0.55)),
        borderColor: intervals.map((i) => severityColor(i.severity, palette)),
        borderWidth: 1,
        borderSkipped: false,
        barPercentage: 0.7,
        minBarLength: 3,
      }],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          type: 'linear', min: axis.from, max: end,
          ticks: { color: palette.foreground, maxRotation: 0, callback: (v: number | string) => formatTick(Number(v), end - axis.from) },
          grid: { color: withAlpha(palette.lines, 0.35) },
        },
        y: { ticks: { color: palette.foreground }, grid: { display: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const span = item.raw as Span;
              const open = intervals[item.dataIndex]?.end === null;
              return `${formatTime(span.x[0], true)} → ${open ? 'still firing' : formatTime(span.x[1], true)}`;
            },
          },
        },
      },
    },
  };
}
