import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemorySink, MetricsCollector, microsFromIso, pyFloat, steppingClock } from '../../../src/logger/index';

const T0 = microsFromIso('2026-11-24T10:53:08.250000Z');

test('MetricPoint.to_dict lines: name, value, timestamp (UTC isoformat), tags', () => {
  const sink = new MemorySink();
  const collector = new MetricsCollector({ sink, clock: steppingClock(T0, 750_000) });
  collector.recordMetric('custom', 42, { kind: 'int' });
  collector.recordMetric('custom', pyFloat(42));
  assert.deepEqual(sink.lines, [
    '{"name": "custom", "value": 42, "timestamp": "2026-11-24T10:53:08.250000+00:00", "tags": {"kind": "int"}}',
    '{"name": "custom", "value": 42.0, "timestamp": "2026-11-24T10:53:09+00:00", "tags": {}}',
  ]);
});

test('record_workflow_metrics: int totals, float duration and success', () => {
  const sink = new MemorySink();
  new MetricsCollector({ sink, clock: steppingClock(T0) }).recordWorkflowMetrics({
    workflowId: 'wf', totalAgents: 3, totalTools: 5, totalDurationMs: 4000, success: true,
  });
  assert.deepEqual(
    sink.lines.map((l) => l.replace(/"timestamp": "[^"]*", /, '')),
    [
      '{"name": "workflow_total_agents", "value": 3, "tags": {"workflow_id": "wf"}}',
      '{"name": "workflow_total_tools", "value": 5, "tags": {"workflow_id": "wf"}}',
      '{"name": "workflow_total_duration_ms", "value": 4000.0, "tags": {"workflow_id": "wf"}}',
      '{"name": "workflow_success", "value": 1.0, "tags": {"workflow_id": "wf"}}',
    ],
  );
});

test('get_metrics_summary: filters by name, tags (subset) and time range; empty → message', () => {
  let now = T0;
  const collector = new MetricsCollector({ clock: () => now });
  for (const [ms, agent] of [[100, 'a'], [200, 'a'], [600, 'b']] as const) {
    collector.recordAgentExecution({ agentName: agent, durationMs: ms, success: ms < 500 });
    now += 60_000_000;
  }
  const summary = collector.getMetricsSummary({ name: 'agent_execution_duration_ms', tags: { agent_name: 'a' } });
  assert.equal(summary.count, 2);
  assert.ok('mean' in summary);
  assert.equal(summary.mean, 150);
  assert.equal(summary.stddev, Math.sqrt(5000));
  assert.equal(summary.oldest_timestamp, '2026-11-24T10:53:08.250000+00:00');
  assert.equal(summary.latest_timestamp, '2026-11-24T10:54:08.250000+00:00');
  const recent = collector.getMetricsSummary({ name: 'agent_execution_duration_ms', timeRangeMs: 90_000 });
  assert.equal(recent.count, 1);
  assert.deepEqual(collector.getMetricsSummary({ name: 'nope' }), { count: 0, message: 'No metrics found' });
});

test('retention drops points older than the window as new points arrive', () => {
  let now = T0;
  const collector = new MetricsCollector({ clock: () => now, retentionMs: 3_600_000 });
  collector.recordMetric('m', 1);
  now += 2 * 3_600_000_000;
  collector.recordMetric('m', 2);
  assert.deepEqual(collector.getPoints().map((p) => p.value), [2]);
});
