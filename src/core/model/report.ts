/** The `runlens report` document (design §6), built from an engine's state. */
import { summarizeSeries, type MetricSummary, type Tags } from '../metrics/store';
import type { CostReport } from '../cost/ledger';
import type { Engine } from './engine';
import type { SourceSummary } from './sources';
import type { WorkflowSummary } from './workflows';

export type SeriesSummary = { tags: Tags } & MetricSummary;

export interface Report {
  version: string;
  sources: SourceSummary[];
  workflows: WorkflowSummary[];
  metrics: Record<string, SeriesSummary[]>;
  cost: CostReport;
  alerts: unknown[];
}

export function workflowSummaries(engine: Engine): WorkflowSummary[] {
  return engine
    .workflows()
    .map((wf) => wf.summary(engine.cost.workflowCost(wf.key)))
    .sort((a, b) => (a.started ?? '').localeCompare(b.started ?? '') || a.workflow_id.localeCompare(b.workflow_id));
}

export function metricSummaries(engine: Engine): Record<string, SeriesSummary[]> {
  const out = Object.create(null) as Record<string, SeriesSummary[]>;
  for (const name of engine.metrics.names()) {
    // Series keys are name + sorted tags, so sorting by key orders rows by their tags.
    const keyed = engine.metrics.seriesOf(name).map((s) => ({ s, key: s.key }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rows: SeriesSummary[] = [];
    for (const { s } of keyed) {
      const summary = summarizeSeries([s]);
      if (summary.count === 0) continue;
      rows.push(Object.assign({ tags: { ...s.tags } }, summary as MetricSummary));
    }
    if (rows.length > 0) out[name] = rows;
  }
  return out;
}

export function buildReport(engine: Engine, version: string, alerts: unknown[] = []): Report {
  return {
    version,
    sources: engine.sources.map((s) => s.toJSON()),
    workflows: workflowSummaries(engine),
    metrics: metricSummaries(engine),
    cost: engine.cost.report(),
    alerts,
  };
}
