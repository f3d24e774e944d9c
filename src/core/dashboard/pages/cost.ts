/** Cost: cumulative USD by tool and by model, tokens per model, totals and unknown models. */
import { bucketStats, cumulativeSeries, toSeries } from '../bucketStats';
import { topGroups, valueSum } from '../groups';
import { groupByTag, slicesOf } from '../points';
import { clipText } from '../text';
import type { ChartSeries, CostData, ModelCostRow } from '../types';
import type { PageContext } from './context';
import { costReport } from './costReport';

function keyOf(name: string, other: boolean): string {
  return `${other ? 'other' : 'name'}:${name}`;
}

function cumulativeBy(ctx: PageContext, metric: string, tagKey: string): ChartSeries[] {
  const groups = groupByTag(slicesOf(ctx.engine.metrics, metric, ctx.axis, ctx.query.tags), tagKey);
  return topGroups(groups, valueSum).map((g) => cumulativeSeries(bucketStats(ctx.axis, g.slices), keyOf(g.name, g.other), g.name));
}

function tokensByModel(ctx: PageContext): ChartSeries[] {
  const slices = [
    ...slicesOf(ctx.engine.metrics, 'llm_input_tokens', ctx.axis, ctx.query.tags),
    ...slicesOf(ctx.engine.metrics, 'llm_output_tokens', ctx.axis, ctx.query.tags),
  ];
  return topGroups(groupByTag(slices, 'model'), valueSum).map((g) => toSeries(bucketStats(ctx.axis, g.slices), 'sum', keyOf(g.name, g.other), g.name));
}

export function costPage(ctx: PageContext): CostData {
  const report = costReport(ctx.engine);
  const models: ModelCostRow[] = Object.keys(report.by_model).map((model) => {
    const usage = report.by_model[model] as (typeof report.by_model)[string];
    return { model: clipText(model), calls: usage.calls, inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, costUsd: usage.cost_usd };
  });
  return {
    page: 'cost',
    axis: ctx.axis,
    byTool: cumulativeBy(ctx, 'tool_execution_cost', 'tool_name'),
    byModel: cumulativeBy(ctx, 'llm_cost_usd', 'model'),
    tokens: tokensByModel(ctx),
    totalUsd: report.total_usd,
    toolsUsd: report.tools_usd,
    llmUsd: report.llm_usd,
    models,
    unknownModels: report.unknown_models.map((m) => clipText(m)),
  };
}
