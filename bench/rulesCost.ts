/**
 * Rule evaluation cost: 50 rules (every condition and aggregate, some grouped) replayed
 * over N metric points from seed-style events, against the same ingest without rules.
 * Writes bench/rules-cost.json.
 *
 *   npx tsx bench/rulesCost.ts [EVENTS]    (default 1,000,000 tool events = 3M points)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AlertEngine } from '../src/core/alerts/alertEngine';
import { AlertFeed } from '../src/core/alerts/feed';
import { parseRulesDocument } from '../src/core/alerts/parseRules';
import { Engine } from '../src/core/model/engine';

const events = Number(process.argv[2] ?? 1_000_000);
const tools = ['web_search', 'llm_completion', 'crm_lookup', 'sentiment', 'scraper'];
const aggregates = ['mean', 'max', 'min', 'sum', 'count', 'latest', 'median', 'p50', 'p90', 'p95', 'p99'];

function rules(): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    const kind = i % 5;
    const base = { name: `rule ${i}`, duration: `${1 + (i % 10)}m`, cooldown: '5m', severity: 'warning' };
    if (kind === 0) out.push({ ...base, condition: 'latency_high', metric_name: 'tool_execution_duration_ms', threshold: 900, group_by: ['tool_name'] });
    else if (kind === 1) out.push({ ...base, condition: 'error_rate_high', metric_name: 'tool_execution_success', threshold: 0.2, tags: { tool_name: tools[i % tools.length] } });
    else if (kind === 2) out.push({ ...base, condition: 'threshold_exceeded', metric_name: 'tool_execution_cost', threshold: 5, aggregate: 'sum' });
    else if (kind === 3) out.push({ ...base, condition: 'threshold_below', metric_name: 'tool_execution_duration_ms', threshold: 1, aggregate: aggregates[i % aggregates.length] });
    else out.push({ ...base, condition: 'no_data', metric_name: 'tool_execution_success' });
  }
  return out;
}

function lines(): string[] {
  const out: string[] = [];
  const t0 = Date.parse('2026-11-24T00:00:00Z');
  for (let i = 0; i < events; i++) {
    out.push(JSON.stringify({
      event: 'tool_executed', workflow_id: `wf-${Math.floor(i / 50)}`, agent_name: 'worker', tool_name: tools[i % tools.length],
      duration_ms: 100 + ((i * 7919) % 1000), success: i % 13 !== 0, cost_estimate: 0.001, timestamp: new Date(t0 + i * 50).toISOString(),
    }));
  }
  return out;
}

function ingest(all: string[], withRules: boolean): { ms: number; alerts: number; points: number } {
  const engine = new Engine({});
  const source = engine.addSource('bench.jsonl');
  let feed: AlertFeed | undefined;
  if (withRules) {
    const parsed = parseRulesDocument({ rules: rules() });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    feed = new AlertFeed(new AlertEngine(parsed.rules), 'record');
    engine.observe(feed);
  }
  const t = performance.now();
  for (let i = 0; i < all.length; i++) engine.ingestText(source, all[i] as string, i + 1, 0);
  const alerts = feed ? feed.replay().length : 0;
  return { ms: performance.now() - t, alerts, points: engine.metrics.pointCount };
}

const all = lines();
const runs: Array<{ without: number; with: number }> = [];
let alerts = 0;
let points = 0;
for (let r = 0; r < 3; r++) {
  const a = ingest(all, false);
  const b = ingest(all, true);
  runs.push({ without: a.ms, with: b.ms });
  alerts = b.alerts;
  points = b.points;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const without = median(runs.map((r) => r.without));
const withRules = median(runs.map((r) => r.with));
const result = {
  events, points, rules: 50, alertChanges: alerts,
  ingestWithoutRulesMs: Math.round(without), ingestAndReplayWith50RulesMs: Math.round(withRules),
  ruleCostMs: Math.round(withRules - without), ruleCostNsPerPoint: Math.round(((withRules - without) * 1e6) / points),
  ratio: Number((withRules / without).toFixed(2)),
};
writeFileSync(resolve(__dirname, 'rules-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(result);
