/** Cost: cumulative cost by tool and by model, tokens per model, totals, and unpriced models. */
import type { ChartSeries, CostData, DashboardResult, ModelCostRow } from '../../src/core/dashboard/types';
import { ChartHost } from '../charts/chartHost';
import { barChart, drawnSeries, lineChart, type StyledSeries } from '../charts/timeSeries';
import { afterCharts, card, el, logText, renderIfChanged, section } from '../dom';
import { formatNumber, formatUsd } from '../format';
import { buildTable, type Column } from '../table';
import type { Palette } from '../theme';
import { rowsKey, type Page, type PageEnv } from './page';

const modelColumns: Array<Column<ModelCostRow>> = [
  { title: 'Model', cell: (r) => logText(r.model, 60) },
  { title: 'Calls', cell: (r) => formatNumber(r.calls) },
  { title: 'Input tokens', cell: (r) => formatNumber(r.inputTokens) },
  { title: 'Output tokens', cell: (r) => formatNumber(r.outputTokens) },
  { title: 'Cost', cell: (r) => (r.costUsd === null ? el('span', { class: 'status status-error' }, 'not priced') : formatUsd(r.costUsd)) },
];

function styled(series: readonly ChartSeries[], palette: Palette): StyledSeries[] {
  return series.map((s, i) => ({ series: s, color: palette.series[i % palette.series.length] ?? palette.blue, bucketed: true }));
}

export class CostPage implements Page {
  readonly key = 'cost' as const;
  readonly element: HTMLElement;
  private readonly cards = el('div', { class: 'cards' });
  private readonly byTool = new ChartHost('cost-by-tool', 'line', 'Cumulative cost by tool');
  private readonly byModel = new ChartHost('cost-by-model', 'line', 'Cumulative cost by model');
  private readonly tokens = new ChartHost('cost-tokens', 'bar', 'Tokens per interval by model');
  private readonly models = el('div');

  get charts(): ChartHost[] {
    return [this.byTool, this.byModel, this.tokens];
  }

  constructor(private readonly env: PageEnv) {
    this.element = el('div', { class: 'page', 'data-testid': 'page-cost' },
      this.cards,
      el('div', { class: 'grid-2' },
        section('Cumulative cost by tool', 'cost-by-tool', this.byTool.element),
        section('Cumulative cost by model', 'cost-by-model', this.byModel.element)),
      section('Tokens per model', 'cost-tokens', this.tokens.element),
      section('Models', 'cost-models', this.models));
  }

  render(result: DashboardResult, live: boolean): void {
    if (result.data.page !== 'cost') return;
    const data = result.data;
    this.renderCards(data);
    const palette = this.env.palette();
    const spec = { axis: data.axis, palette, yTitle: 'USD (cumulative in range)', yFormat: formatUsd };
    const tools = styled(data.byTool, palette);
    const models = styled(data.byModel, palette);
    const tokens = styled(data.tokens, palette);
    this.byTool.draw(() => lineChart({ ...spec, lines: tools }), drawnSeries(tools), !live);
    this.byModel.draw(() => lineChart({ ...spec, lines: models }), drawnSeries(models), !live);
    this.tokens.draw(() => barChart({ axis: data.axis, palette, lines: tokens, yTitle: 'tokens', yFormat: formatNumber, integer: true }), drawnSeries(tokens), !live);
    afterCharts(() => renderIfChanged(this.models, rowsKey(data.models), () => [buildTable(modelColumns, data.models, { testId: 'models-table', empty: 'No LLM usage logged.' })]));
  }

  private renderCards(data: CostData): void {
    const nodes: Node[] = [
      card('Total cost', formatUsd(data.totalUsd), 'cost-total'),
      card('Tools', formatUsd(data.toolsUsd), 'cost-tools'),
      card('LLM', formatUsd(data.llmUsd), 'cost-llm'),
    ];
    if (data.unknownModels.length > 0) {
      const warn = el('div', { class: 'warning', 'data-testid': 'cost-unknown-models' },
        `${data.unknownModels.length} model(s) missing from the price table; their tokens are listed but not priced (never counted as $0): `);
      data.unknownModels.forEach((m, i) => warn.append(...(i > 0 ? [', '] : []), logText(m, 60)));
      nodes.push(warn);
    }
    this.cards.replaceChildren(...nodes);
  }
}
