/** Errors: failure rate per agent and per tool over time, and the newest failures linked to their lines. */
import type { ChartSeries, DashboardResult } from '../../src/core/dashboard/types';
import { ChartHost } from '../charts/chartHost';
import { drawnSeries, lineChart, type StyledSeries } from '../charts/timeSeries';
import { afterCharts, el, renderIfChanged, section } from '../dom';
import { formatPercent } from '../format';
import { buildTable } from '../table';
import type { Palette } from '../theme';
import { rowsKey, spanColumns, type Page, type PageEnv } from './page';

function styled(series: readonly ChartSeries[], palette: Palette): StyledSeries[] {
  // "all" is the reference line: the foreground colour, dashed; names take the series colours.
  return series.map((s, i) => (s.key === 'all'
    ? { series: s, color: palette.foreground, dashed: true, bucketed: true }
    : { series: s, color: palette.series[(i - 1) % palette.series.length] ?? palette.blue, bucketed: true }));
}

export class ErrorsPage implements Page {
  readonly key = 'errors' as const;
  readonly element: HTMLElement;
  private readonly agents = new ChartHost('errors-agents', 'line', 'Agent failure rate over time');
  private readonly tools = new ChartHost('errors-tools', 'line', 'Tool failure rate over time');
  private readonly failures = el('div');

  get charts(): ChartHost[] {
    return [this.agents, this.tools];
  }

  constructor(private readonly env: PageEnv) {
    this.element = el('div', { class: 'page', 'data-testid': 'page-errors' },
      el('div', { class: 'grid-2' },
        section('Agent failure rate', 'errors-agents', this.agents.element),
        section('Tool failure rate', 'errors-tools', this.tools.element)),
      section('Recent failures', 'errors-failures', this.failures));
  }

  render(result: DashboardResult, live: boolean): void {
    if (result.data.page !== 'errors') return;
    const data = result.data;
    const palette = this.env.palette();
    const agents = styled(data.agents, palette);
    const tools = styled(data.tools, palette);
    const spec = { axis: data.axis, palette, yTitle: 'failure %', yFormat: formatPercent, yMax: 100 };
    this.agents.draw(() => lineChart({ ...spec, lines: agents }), drawnSeries(agents), !live);
    this.tools.draw(() => lineChart({ ...spec, lines: tools }), drawnSeries(tools), !live);
    const open = (r: { path: string; line: number }): void => this.env.openLog(r.path, r.line);
    afterCharts(() => renderIfChanged(this.failures, rowsKey(data.failures), () => [
      buildTable(spanColumns(this.env, true), data.failures, { testId: 'failures-table', empty: 'No failures in this range.', open }),
    ]));
  }
}
