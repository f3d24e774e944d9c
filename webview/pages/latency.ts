/** Latency: duration over time (raw points, p50 and p95 per bucket) for one series, and its histogram. */
import type { DashboardResult, LatencyData, SeriesSelection } from '../../src/core/dashboard/types';
import { ChartHost } from '../charts/chartHost';
import { histogramChart } from '../charts/categorical';
import { drawnSeries, lineChart, type StyledSeries } from '../charts/timeSeries';
import { card, el, section } from '../dom';
import { formatDuration, formatNumber } from '../format';
import { Select, type SelectOption } from '../select';
import type { Page, PageEnv } from './page';

export function selectionKey(s: SeriesSelection): string {
  return JSON.stringify([s.metric, Object.entries(s.tags).sort()]);
}

export function selectionLabel(s: SeriesSelection): string {
  const tags = Object.entries(s.tags).map(([k, v]) => `${k}=${v}`);
  return tags.length === 0 ? `${s.metric} (all)` : `${s.metric} · ${tags.join(', ')}`;
}

export class LatencyPage implements Page {
  readonly key = 'latency' as const;
  readonly element: HTMLElement;
  private readonly series: Select;
  private readonly summary = el('div', { class: 'cards' });
  private readonly overTime = new ChartHost('latency-over-time', 'line', 'Duration over time with p50 and p95 per interval', 'chart chart-tall');
  private readonly histogram = new ChartHost('latency-histogram', 'bar', 'Histogram of durations');
  private readonly note = el('p', { class: 'muted', 'data-testid': 'latency-note' });
  private selections = new Map<string, SeriesSelection>();

  get charts(): ChartHost[] {
    return [this.overTime, this.histogram];
  }

  constructor(private readonly env: PageEnv) {
    this.series = new Select('latency-series', 'Series', (value) => {
      const selection = this.selections.get(value);
      if (selection) this.env.setQuery({ latency: selection });
    }, true);
    this.element = el('div', { class: 'page', 'data-testid': 'page-latency' },
      el('div', { class: 'controls' }, el('label', {}, 'Series'), this.series.element),
      this.summary,
      section('Duration over time', 'latency-over-time', this.overTime.element, this.note),
      section('Distribution', 'latency-histogram', this.histogram.element));
  }

  render(result: DashboardResult, live: boolean): void {
    if (result.data.page !== 'latency') return;
    const data = result.data;
    const options = [...result.options.latencySeries];
    if (!options.some((o) => selectionKey(o) === selectionKey(data.selection))) options.unshift(data.selection);
    this.selections = new Map(options.map((o) => [selectionKey(o), o]));
    this.series.set(options.map((o): SelectOption => ({ value: selectionKey(o), label: selectionLabel(o) })), selectionKey(data.selection));
    this.renderSummary(data);
    const palette = this.env.palette();
    const lines: StyledSeries[] = [
      { series: data.raw, color: palette.blue, faint: true },
      { series: data.p50, color: palette.green, bucketed: true },
      { series: data.p95, color: palette.orange, bucketed: true, dashed: true },
    ];
    const unit = /_ms$|duration/.test(data.selection.metric) ? formatDuration : formatNumber;
    this.overTime.draw(() => lineChart({ axis: data.axis, lines, palette, yTitle: data.selection.metric, yFormat: unit }), drawnSeries(lines), !live);
    this.histogram.draw(() => histogramChart(data.histogram, palette), [{ label: 'histogram', points: data.histogram.counts.length }], !live);
    this.note.textContent = data.rawTotal > data.raw.xs.length
      ? `${formatNumber(data.rawTotal)} points in range; ${formatNumber(data.raw.xs.length)} sent (first, lowest, highest and last per slot), drawn decimated to the chart width.`
      : `${formatNumber(data.rawTotal)} points in range.`;
  }

  private renderSummary(data: LatencyData): void {
    const s = data.summary;
    const unit = /_ms$|duration/.test(data.selection.metric) ? formatDuration : formatNumber;
    this.summary.replaceChildren(
      card('Count', s ? formatNumber(s.count) : '0', 'latency-count'),
      card('Mean', s ? unit(s.mean) : '–', 'latency-mean'),
      card('p50', s ? unit(s.p50) : '–', 'latency-p50'),
      card('p95', s ? unit(s.p95) : '–', 'latency-p95'),
      card('p99', s ? unit(s.p99) : '–', 'latency-p99'),
      card('Max', s ? unit(s.max) : '–', 'latency-max'),
    );
  }
}
