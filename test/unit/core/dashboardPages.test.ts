import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { AlertChange } from '../../../src/core/alerts/alertDict';
import type { AlertEntry } from '../../../src/core/dashboard/alertTimeline';
import { alertIntervals } from '../../../src/core/dashboard/alertTimeline';
import { buildDashboard, type DashboardInput } from '../../../src/core/dashboard/dashboard';
import { DEFAULT_QUERY, type DashboardQuery, type PageData } from '../../../src/core/dashboard/types';
import { at, ingest, line, newEngine } from '../../helpers/ingest';

const HOSTILE = '</script><img src=x onerror="window.__pwned=1">\u202Eevil';

function scenario(): DashboardInput {
  const engine = newEngine();
  const wf = (id: string, extra: Record<string, unknown>): string => line({ workflow_id: id, ...extra });
  ingest(engine, '/logs/run.jsonl', [
    wf('wf-1', { event: 'workflow_started', timestamp: at(0) }),
    wf('wf-1', { event: 'tool_executed', agent_name: 'research_lead', tool_name: 'web_search', duration_ms: 300, success: true, cost_estimate: 0.25, timestamp: at(1) }),
    wf('wf-1', { event: 'tool_executed', agent_name: 'research_lead', tool_name: 'web_search', duration_ms: 100, success: false, cost_estimate: 0.5, error_message: 'timeout', timestamp: at(1.5) }),
    wf('wf-1', { event: 'agent_execution_completed', agent_name: 'research_lead', duration_ms: 1500, success: true, timestamp: at(2) }),
    wf('wf-1', { event: 'agent_execution_failed', agent_name: 'writer', duration_ms: 500, success: false, level: 'error', timestamp: at(3) }),
    wf('wf-1', { event: 'workflow_completed', status: 'success', timestamp: at(4) }),
    wf('wf-2', { event: 'workflow_started', timestamp: at(60) }),
    wf('wf-2', { event: 'agent_execution_completed', agent_name: HOSTILE, duration_ms: 700, success: true, timestamp: at(61), 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1000, 'gen_ai.usage.output_tokens': 500 }),
    wf('wf-2', { event: 'agent_execution_completed', agent_name: 'writer', duration_ms: 900, success: true, timestamp: at(62), model: 'mystery-model-9', input_tokens: 10, output_tokens: 20 }),
    wf('wf-2', { event: 'workflow_failed', status: 'failed', timestamp: at(63) }),
  ].join('\n'));
  return { engine, alerts: { recent: [], active: [] }, readError: () => 'timeout' };
}

function page<P extends PageData['page']>(input: DashboardInput, query: Partial<DashboardQuery> & { page: P }): Extract<PageData, { page: P }> {
  const result = buildDashboard(input, { ...DEFAULT_QUERY, ...query });
  assert.equal(result.data.page, query.page);
  return result.data as Extract<PageData, { page: P }>;
}

test('overview: workflows per bucket by status, success rates, cost, recent spans and failures', () => {
  const input = scenario();
  const data = page(input, { page: 'overview' });
  // 63 s of data in at most 90 rate buckets → 1 s buckets; wf-1 starts in bucket 0, wf-2 at 60 s in bucket 60.
  assert.equal(data.axis.bucketMs, 1_000);
  const [completed, failed, incomplete] = data.workflows;
  assert.deepEqual([completed?.label, failed?.label, incomplete?.label], ['completed', 'failed', 'incomplete']);
  assert.equal(completed?.ys[0], 1);
  assert.equal(failed?.ys[60], 1);
  assert.equal(completed?.ys.reduce((a, b) => a + b, 0), 1);
  const rates = Object.fromEntries(data.successRate.map((s) => [s.key, s.ys]));
  assert.deepEqual(rates.workflows, [100, 0]);
  assert.deepEqual(rates.agents, [100, 0, 100, 100], 'agents: ok at 2 s, failed at 3 s, two ok at 61 and 62 s');
  assert.equal(data.totalCostUsd > 0.75, true, 'tool cost plus gpt-4o tokens');
  assert.deepEqual(data.unknownModels, ['mystery-model-9']);
  assert.deepEqual(data.recentSpans.map((r) => [r.kind, r.agent, r.tool, r.status]), [
    ['agent', 'writer', null, 'ok'],
    ['agent', HOSTILE, null, 'ok'],
    ['agent', 'writer', null, 'error'],
    ['agent', 'research_lead', null, 'ok'],
    ['tool', 'research_lead', 'web_search', 'error'],
    ['tool', 'research_lead', 'web_search', 'ok'],
  ]);
  assert.deepEqual(data.recentFailures.map((r) => [r.workflowId, r.line, r.error]), [['wf-1', 5, 'timeout'], ['wf-1', 3, 'timeout']]);
  assert.equal(data.recentFailures[0]?.path, '/logs/run.jsonl');
});

test('tag filters narrow the series that carry the key and the tables', () => {
  const input = scenario();
  const data = page(input, { page: 'overview', tags: { agent_name: 'writer' } });
  assert.deepEqual(data.recentSpans.map((r) => r.agent), ['writer', 'writer']);
  const agents = data.successRate.find((s) => s.key === 'agents');
  assert.deepEqual(agents?.ys, [0, 100]);
  // Tool metrics carry no agent_name: the filter leaves them alone (1 s ok, 1.5 s failed: one bucket).
  assert.deepEqual(data.successRate.find((s) => s.key === 'tools')?.ys, [50]);
});

test('last 5 m is anchored at the newest event, not the wall clock', () => {
  const input = scenario();
  const result = buildDashboard(input, { ...DEFAULT_QUERY, range: '5m' });
  assert.equal(result.newestTs, Date.parse(at(63)));
  assert.equal(result.data.page === 'overview' && result.data.axis.to, Date.parse(at(63)));
});

test('latency: p50/p95 per bucket, raw points, histogram and summary of one selection', () => {
  const input = scenario();
  const all = page(input, { page: 'latency' });
  assert.equal(all.selection.metric, 'agent_execution_duration_ms');
  assert.equal(all.rawTotal, 4);
  assert.deepEqual(all.raw.ys, [1500, 500, 700, 900]);
  assert.deepEqual(all.summary && [all.summary.count, all.summary.p50, all.summary.max], [4, 800, 1500]);
  assert.equal(all.histogram.counts.reduce((a, b) => a + b, 0) + all.histogram.overflow, 4);
  const writer = page(input, { page: 'latency', latency: { metric: 'agent_execution_duration_ms', tags: { agent_name: 'writer' } } });
  assert.deepEqual(writer.raw.ys, [500, 900]);
  assert.deepEqual(writer.p95.ys, [500, 900]);
  const tools = page(input, { page: 'latency', latency: { metric: 'tool_execution_duration_ms', tags: {} } });
  // Both tool calls fall in one 500 ms bucket (1 s and 1.5 s are different buckets): p50 per bucket.
  assert.deepEqual(tools.p50.ys, [300, 100]);
});

test('errors: failure rate per agent and tool, failures with their error message', () => {
  const data = page(scenario(), { page: 'errors' });
  // Most failures first, ties by name ('<' sorts before 'r').
  assert.deepEqual(data.agents.map((s) => s.label), ['all', 'writer', HOSTILE, 'research_lead']);
  assert.deepEqual(data.agents.find((s) => s.label === 'writer')?.ys, [100, 0]);
  assert.deepEqual(data.tools.map((s) => [s.label, s.ys]), [['all', [50]], ['web_search', [50]]]);
  assert.equal(data.failures.length, 2);
});

test('cost: cumulative by tool and model, tokens per model, unknown models listed', () => {
  const data = page(scenario(), { page: 'cost' });
  const web = data.byTool.find((s) => s.label === 'web_search');
  assert.equal(web?.ys.at(-1), 0.75);
  assert.equal(web?.ys[0], 0);
  assert.equal(web?.ys[2], 0.25);
  assert.deepEqual(data.byModel.map((s) => s.label), ['gpt-4o'], 'an unknown model has no cost series');
  assert.deepEqual(data.tokens.map((s) => [s.label, s.ys.reduce((a, b) => a + b, 0)]), [['gpt-4o', 1500], ['mystery-model-9', 30]]);
  assert.deepEqual(data.unknownModels, ['mystery-model-9']);
  assert.equal(data.models.find((m) => m.model === 'mystery-model-9')?.costUsd, null);
  assert.equal(data.toolsUsd, 0.75);
});

test('waterfall: the newest workflow by default, or the one asked for', () => {
  const input = scenario();
  const newest = page(input, { page: 'waterfall' });
  assert.equal(newest.workflowId, 'wf-2');
  assert.equal(newest.status, 'failed');
  const first = page(input, { page: 'waterfall', workflowId: 'wf-1' });
  assert.deepEqual(first.rows.map((r) => [r.label, r.depth]), [
    ['wf-1', 0], ['research_lead', 1], ['web_search', 2], ['web_search', 2], ['writer', 1],
  ]);
  assert.equal(first.rows[1]?.startMs, 500);
  assert.equal(page(input, { page: 'waterfall', workflowId: 'nope' }).rows.length, 0);
});

const change = (type: 'alert' | 'resolved', rule: string, atMs: number): AlertChange => ({
  type, historical: false, at: atMs, ref: undefined, streamKey: `${rule}\u0000[]`,
  alert: {
    rule_name: rule, severity: 'warning', condition: 'threshold_exceeded', metric_name: 'm', threshold: 1, actual_value: 2,
    timestamp: new Date(atMs).toISOString(), message: `${rule} fired`,
    metadata: { count: 1, tags: {}, window_start: '', window_end: '', workflow_id: null, source: { path: '/logs/run.jsonl', line: 3 }, state: type === 'alert' ? 'firing' : 'resolved', historical: false, group: {}, aggregate: 'mean' },
  },
});

test('alerts: firing periods pair alert with resolved; still-firing streams stay open', () => {
  const entries: AlertEntry[] = [
    { change: change('resolved', 'old', 5), live: true },
    { change: change('alert', 'slow', 10), live: true },
    { change: change('alert', 'slow', 15), live: true },
    { change: change('resolved', 'slow', 20), live: true },
    { change: change('alert', 'slow', 30), live: true },
  ];
  const active = [{ change: change('alert', 'slow', 30), live: true }, { change: change('alert', 'ancient', 1), live: false }];
  assert.deepEqual(alertIntervals(entries, active, 0).map((i) => [i.rule, i.start, i.end]), [
    ['old', 0, 5], ['ancient', 1, null], ['slow', 10, 20], ['slow', 30, null],
  ]);
  const input = scenario();
  input.alerts = { recent: [...entries].reverse(), active };
  const data = page(input, { page: 'alerts' });
  assert.equal(data.firing, 2);
  assert.equal(data.transitions[0]?.state, 'firing');
  assert.equal(data.transitions[0]?.path, '/logs/run.jsonl');
});

test('options: agents, tools, models and workflows newest first', () => {
  const { options } = buildDashboard(scenario(), DEFAULT_QUERY);
  assert.deepEqual(options.agents, ['research_lead', 'writer', HOSTILE].sort());
  assert.deepEqual(options.tools, ['web_search']);
  assert.deepEqual(options.models, ['gpt-4o', 'mystery-model-9']);
  assert.deepEqual(options.workflows.map((w) => w.id), ['wf-2', 'wf-1']);
  assert.ok(options.latencySeries.some((s) => s.metric === 'tool_execution_duration_ms' && s.tags.tool_name === 'web_search'));
  assert.ok(options.latencySeries.some((s) => s.metric === 'workflow_total_duration_ms' && Object.keys(s.tags).length === 0));
  assert.ok(!options.latencySeries.some((s) => s.metric === 'workflow_total_duration_ms' && s.tags.workflow_id !== undefined));
});

test('an empty engine yields empty pages, never NaN', () => {
  const input: DashboardInput = { engine: newEngine(), alerts: { recent: [], active: [] } };
  for (const p of ['overview', 'latency', 'errors', 'cost', 'waterfall', 'alerts'] as const) {
    const result = buildDashboard(input, { ...DEFAULT_QUERY, page: p });
    assert.equal(result.newestTs, null);
    assert.doesNotMatch(JSON.stringify(result), /NaN|null,null/);
    assert.ok(!JSON.stringify(result).includes('Infinity'));
  }
});
