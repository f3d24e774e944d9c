/** Overview: workflows over time, success rate, cost so far, firing alerts, recent spans and failures. */
import { bucketOf, bucketStart } from '../axis';
import { alertRow } from '../alertTimeline';
import { bucketStats, toSeries } from '../bucketStats';
import { valueSum } from '../groups';
import { slicesOf } from '../points';
import { recentSpans } from '../recentSpans';
import type { ChartSeries, OverviewData } from '../types';
import { costReport } from './costReport';
import type { PageContext } from './context';

export const RECENT_ROWS = 50;
const STATUSES = ['completed', 'failed', 'incomplete'] as const;

/** Workflows by the bucket they started in, one dense count series per status. */
function workflowsOverTime(ctx: PageContext): ChartSeries[] {
  const { axis } = ctx;
  const counts = STATUSES.map(() => new Uint32Array(axis.count));
  const only = ctx.query.tags.workflow_id;
  for (const wf of ctx.engine.workflows()) {
    if (only !== undefined && wf.key !== only) continue;
    const b = bucketOf(axis, wf.startTs);
    if (b < 0) continue;
    const row = counts[STATUSES.indexOf(wf.status)] as Uint32Array;
    row[b] = (row[b] as number) + 1;
  }
  return STATUSES.map((status, k) => {
    const row = counts[k] as Uint32Array;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let b = 0; b < axis.count; b++) {
      xs.push(bucketStart(axis, b));
      ys.push(row[b] as number);
    }
    return { key: status, label: status, xs, ys };
  });
}

function successRates(ctx: PageContext): ChartSeries[] {
  const out: ChartSeries[] = [];
  for (const [metric, key, label] of [
    ['workflow_success', 'workflows', 'workflows'],
    ['agent_execution_success', 'agents', 'agent executions'],
    ['tool_execution_success', 'tools', 'tool calls'],
  ] as const) {
    const slices = slicesOf(ctx.engine.metrics, metric, ctx.axis, ctx.query.tags, {}, false);
    if (slices.length === 0) continue;
    const series = toSeries(bucketStats(ctx.axis, slices), 'mean', key, label);
    out.push({ ...series, ys: series.ys.map((y) => y * 100) });
  }
  return out;
}

export function overviewPage(ctx: PageContext): OverviewData {
  const { engine, axis, query } = ctx;
  const report = costReport(engine);
  const rangeCostUsd =
    valueSum(slicesOf(engine.metrics, 'tool_execution_cost', axis, query.tags, {}, false)) + valueSum(slicesOf(engine.metrics, 'llm_cost_usd', axis, query.tags, {}, false));
  const firing = ctx.alerts.active.filter((e) => e.change.type === 'alert').map(alertRow);
  const rows = { from: axis.from, to: axis.to, filter: query.tags, limit: RECENT_ROWS };
  return {
    page: 'overview',
    axis,
    workflows: workflowsOverTime(ctx),
    successRate: successRates(ctx),
    totalCostUsd: report.total_usd,
    rangeCostUsd,
    unknownModels: report.unknown_models,
    firing,
    recentSpans: recentSpans(engine, { ...rows, failuresOnly: false }),
    recentFailures: recentSpans(engine, { ...rows, failuresOnly: true, ...(ctx.readError ? { readError: ctx.readError } : {}) }),
  };
}
