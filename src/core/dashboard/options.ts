/** What the dashboard's dropdowns offer: agents, tools, models, recent workflows, duration series. */
import type { Engine } from '../model/engine';
import type { WorkflowAggregate } from '../model/workflows';
import { clipText } from './text';
import type { DashboardOptions, SeriesSelection, WorkflowOption } from './types';

export const MAX_OPTIONS = 500;
export const MAX_WORKFLOW_OPTIONS = 200;
const DURATION_METRIC = /(duration|latency|_ms$|_seconds$)/;

function tagValues(engine: Engine, metric: string, key: string): string[] {
  const values = new Set<string>();
  for (const s of engine.metrics.seriesOf(metric)) {
    const v = s.tags[key];
    if (v !== undefined && Object.prototype.hasOwnProperty.call(s.tags, key)) values.add(v);
  }
  return [...values].sort().slice(0, MAX_OPTIONS).map((v) => clipText(v));
}

function latencySeries(engine: Engine): SeriesSelection[] {
  const out: SeriesSelection[] = [];
  for (const metric of engine.metrics.names()) {
    if (!DURATION_METRIC.test(metric)) continue;
    const series = engine.metrics.seriesOf(metric);
    // Per-workflow series (workflow_total_duration_ms) are one point each: offer only "all".
    out.push({ metric, tags: {} });
    if (series.some((s) => Object.prototype.hasOwnProperty.call(s.tags, 'workflow_id'))) continue;
    for (const s of series.slice(0, MAX_OPTIONS)) {
      const keys = Object.keys(s.tags);
      if (keys.length === 0) continue;
      const tags: Record<string, string> = {};
      for (const k of keys) tags[clipText(k, 200)] = clipText(s.tags[k] as string);
      out.push({ metric, tags });
    }
  }
  return out.slice(0, MAX_OPTIONS);
}

/** The newest workflows, newest first: a bounded insertion, not a sort of every workflow. */
function recentWorkflows(engine: Engine, limit = MAX_WORKFLOW_OPTIONS): WorkflowOption[] {
  const top: WorkflowAggregate[] = [];
  for (const wf of engine.workflows()) {
    if (top.length === limit && wf.lastTs <= (top[limit - 1] as WorkflowAggregate).lastTs) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((top[mid] as WorkflowAggregate).lastTs >= wf.lastTs) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, wf);
    if (top.length > limit) top.pop();
  }
  return top.map((wf) => ({ id: clipText(wf.key), status: wf.status, lastTs: Number.isFinite(wf.lastTs) ? wf.lastTs : 0 }));
}

export function dashboardOptions(engine: Engine): DashboardOptions {
  const models = new Set([...tagValues(engine, 'llm_input_tokens', 'model'), ...tagValues(engine, 'llm_output_tokens', 'model')]);
  return {
    agents: tagValues(engine, 'agent_execution_duration_ms', 'agent_name'),
    tools: tagValues(engine, 'tool_execution_duration_ms', 'tool_name'),
    models: [...models].sort(),
    workflows: recentWorkflows(engine),
    latencySeries: latencySeries(engine),
  };
}
