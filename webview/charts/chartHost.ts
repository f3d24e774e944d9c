/**
 * One canvas and its chart.js instance. Pages hand it a config builder; the host creates
 * the chart on first draw and afterwards swaps data and options in place (`update('none')`,
 * no animation). For tests it publishes what it drew: `data-series` on the canvas and
 * `window.__runlensCharts[id]` (labels, point counts, draw count and cost).
 */
import type { ChartConfiguration, ChartType } from 'chart.js';
import { el } from '../dom';
import { Chart } from './setup';
import { timings } from '../timings';
import { scheduleRedraw } from './redraw';

export interface DrawnSeries {
  label: string;
  /** Points handed to the chart. */
  points: number;
  /** Points chart.js drew after decimation (fewer than `points` when it thinned a line to the canvas width). */
  drawn?: number;
}

export interface ChartRecord {
  id: string;
  type: string;
  series: DrawnSeries[];
  draws: number;
  lastDrawMs: number;
  maxDrawMs: number;
}

declare global {
  interface Window {
    __runlensCharts?: Record<string, ChartRecord>;
  }
}

function record(id: string): ChartRecord {
  const registry = (window.__runlensCharts ??= {});
  return (registry[id] ??= { id, type: '', series: [], draws: 0, lastDrawMs: 0, maxDrawMs: 0 });
}

export class ChartHost {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private chart: Chart | undefined;

  constructor(private readonly id: string, private readonly type: 'line' | 'bar', ariaLabel: string, heightClass = 'chart') {
    this.canvas = el('canvas', { 'data-testid': `chart-${id}`, role: 'img', 'aria-label': ariaLabel });
    this.element = el('div', { class: heightClass }, this.canvas);
  }

  /**
   * Creates the (empty) chart ahead of its data: the webview does this while the engine
   * computes the page, so the first snapshot only fills in data (chart.js's first
   * instance costs more than any later update).
   */
  warm(): void {
    if (this.chart) return;
    this.chart = new Chart(this.canvas, { type: this.type, data: { datasets: [] }, options: { parsing: false } });
  }

  /** `build` returns any chart.js configuration (line, bar, floating bars). */
  draw(build: () => { type: ChartType }, series: DrawnSeries[], immediate: boolean): void {
    scheduleRedraw(this.id, () => this.drawNow(build as () => ChartConfiguration, series), immediate);
  }

  private drawNow(build: () => ChartConfiguration, series: DrawnSeries[]): void {
    const started = performance.now();
    const config = build();
    if (!this.chart || (this.chart.config as { type?: string }).type !== config.type) {
      this.chart?.destroy();
      this.chart = new Chart(this.canvas, config);
    } else {
      this.chart.data = config.data;
      if (config.options) this.chart.options = config.options;
      this.chart.update('none');
    }
    const took = performance.now() - started;
    const chart = this.chart;
    const r = record(this.id);
    r.type = config.type;
    r.series = series.map((s, i) => (i < chart.data.datasets.length ? { ...s, drawn: chart.getDatasetMeta(i).data.length } : s));
    r.draws++;
    r.lastDrawMs = took;
    r.maxDrawMs = Math.max(r.maxDrawMs, took);
    timings().firstChartAt ??= performance.now();
    this.canvas.dataset.series = JSON.stringify(r.series);
    this.canvas.dataset.draws = String(r.draws);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }
}
