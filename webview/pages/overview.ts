/** Overview: workflows over time, success rate, cost so far, firing alerts, recent spans and failures. */
import type { AlertRow, DashboardResult, OverviewData } from '../../src/core/dashboard/types';
import { ChartHost } from '../charts/chartHost';
import { barChart, drawnSeries, lineChart, type StyledSeries } from '../charts/timeSeries';
import { afterCharts, card, el, logText, renderIfChanged, section } from '../dom';
import { formatNumber, formatPercent, formatTime, formatUsd } from '../format';
import { buildTable, logLocation, type Column } from '../table';
import type { Page, PageEnv } from './page';
import { rowsKey, spanColumns } from './page';

export function alertColumns(): Array<Column<AlertRow>> {
  return [
    { title: 'Time', width: '90px', cell: (r) => formatTime(r.at) },
    { title: 'State', width: '80px', cell: (r) => el('span', { class: `status status-${r.state === 'firing' ? 'error' : 'ok'}` }, r.state) },
    { title: 'Rule', cell: (r) => logText(r.rule, 60) },
    { title: 'Severity', width: '80px', cell: (r) => r.severity },
    { title: 'Message', cell: (r) => logText(r.message, 160) },
    { title: 'Log line', cell: (r) => logLocation(r.path, r.line) },
  ];
}

export class OverviewPage implements Page {
  readonly key = 'overview' as const;
  readonly element: HTMLElement;
  private readonly cards = el('div', { class: 'cards' });
  private readonly workflowsChart = new ChartHost('overview-workflows', 'bar', 'Workflows started per interval, by status');
  private readonly successChart = new ChartHost('overview-success', 'line', 'Success rate over time');
  private readonly firing = el('div');
  private readonly spans = el('div');
  private readonly failures = el('div');

  get charts(): ChartHost[] {
    return [this.workflowsChart, this.successChart];
  }

  constructor(private readonly env: PageEnv) {
    this.element = el('div', { class: 'page', 'data-testid': 'page-overview' },
      this.cards,
      el('div', { class: 'grid-2' },
        section('Workflows over time', 'overview-workflows', this.workflowsChart.element),
        section('Success rate', 'overview-success', this.successChart.element)),
      section('Firing alerts', 'overview-firing', this.firing),
      section('Recent spans', 'overview-recent-spans', this.spans),
      section('Recent failures', 'overview-recent-failures', this.failures));
  }

  render(result: DashboardResult, live: boolean): void {
    if (result.data.page !== 'overview') return;
    const data = result.data;
    this.renderCards(data);
    this.renderCharts(data, live);
    const open = (r: { path: string | null; line: number | null }): void => {
      if (r.path !== null && r.line !== null) this.env.openLog(r.path, r.line);
    };
    afterCharts(() => {
      renderIfChanged(this.firing, rowsKey(data.firing), () => [
        buildTable(alertColumns(), data.firing, { testId: 'firing-table', empty: 'No alert is firing.', open, hasLink: (r) => r.path !== null }),
      ]);
      renderIfChanged(this.spans, rowsKey(data.recentSpans), () => [
        buildTable(spanColumns(this.env, false), data.recentSpans, { testId: 'recent-spans', empty: 'No agent or tool spans in this range.', open }),
      ]);
      renderIfChanged(this.failures, rowsKey(data.recentFailures), () => [
        buildTable(spanColumns(this.env, true), data.recentFailures, { testId: 'recent-failures', empty: 'No failures in this range.', open }),
      ]);
    });
  }

  private renderCards(data: OverviewData): void {
    const started = data.workflows.reduce((n, s) => n + s.ys.reduce((a, b) => a + b, 0), 0);
    const rates = data.successRate.find((s) => s.key === 'workflows') ?? data.successRate[0];
    const lastRate = rates && rates.ys.length > 0 ? (rates.ys[rates.ys.length - 1] as number) : NaN;
    const cost = card('Cost so far', formatUsd(data.totalCostUsd), 'card-cost');
    cost.title = `${formatUsd(data.rangeCostUsd)} in this range`;
    const cards = [
      cost,
      card('Cost in range', formatUsd(data.rangeCostUsd), 'card-range-cost'),
      card('Workflows in range', formatNumber(started), 'card-workflows'),
      card(`Latest success rate${rates ? ` (${rates.label})` : ''}`, formatPercent(lastRate), 'card-success'),
      card('Firing alerts', formatNumber(data.firing.length), 'card-firing'),
    ];
    if (data.firing.length > 0) cards[4]?.classList.add('card-alert');
    const nodes: Node[] = cards;
    if (data.unknownModels.length > 0) {
      const warn = el('div', { class: 'warning', 'data-testid': 'unknown-models-warning' }, 'Unpriced models (their cost is not counted): ');
      data.unknownModels.forEach((m, i) => warn.append(...(i > 0 ? [', '] : []), logText(m, 60)));
      nodes.push(warn);
    }
    this.cards.replaceChildren(...nodes);
  }

  private renderCharts(data: OverviewData, live: boolean): void {
    const palette = this.env.palette();
    const statusColor: Record<string, string> = { completed: palette.green, failed: palette.red, incomplete: palette.yellow };
    const bars: StyledSeries[] = data.workflows.map((s) => ({ series: s, color: statusColor[s.key] ?? palette.blue, bucketed: true }));
    this.workflowsChart.draw(
      () => barChart({ axis: data.axis, lines: bars, palette, yTitle: 'workflows', yFormat: formatNumber, integer: true }),
      drawnSeries(bars),
      !live,
    );
    const lines: StyledSeries[] = data.successRate.map((s, i) => ({ series: s, color: palette.series[i] ?? palette.blue, bucketed: true }));
    this.successChart.draw(
      () => lineChart({ axis: data.axis, lines, palette, yTitle: 'success %', yFormat: formatPercent, yMax: 100 }),
      drawnSeries(lines),
      !live,
    );
  }
}
