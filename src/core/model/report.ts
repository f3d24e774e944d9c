/** The `runlens report` document (design §6), built from an engine's state. */
import { summarizeSeries, type MetricSummary, type Tags } from '../metrics/store';
import type { CostReport } from '../cost/ledger';
import type { Engine } from './engine';
import type { SourceSummary } from './sources';
import type { WorkflowSummary } from './workflows';

export interface SeriesSummary extends MetricSummary {
  tags: Tags;
}

export interface Report {
  version: string;
  sources: SourceSummary[];
  workflows: WorkflowSummary[];
  metrics: Record<string, SeriesSummary[]>;
  cost: CostReport;
  alerts: unknown[];
}

function compareTags(a: Tags, b: Tags): number {
  const ka = JSON.stringify(Object.entries(a).sort());
  const kb = JSON.stringify(Object.entries(b).sort());
  return ka < kb ? -1 : ka > kb ? 1 : 0;
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
    const rows: SeriesSummary[] = [];
    for (const series of engine.metrics.seriesOf(name)) {
      const summary = summarizeSeries([series]);
      if (summary.count === 0) continue;
      rows.push({ tags: { ...series.tags }, ...(summary as MetricSummary) });
    }
    rows.sort((a, b) => compareTags(a.tags, b.tags));
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
