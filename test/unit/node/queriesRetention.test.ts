import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Engine } from '../../../src/core/model/engine';
import { EngineQueries } from '../../../src/node/worker/queries';

const line = (ts: string, fields: Record<string, unknown>): string => JSON.stringify({ ...fields, timestamp: ts, level: 'info' });

test('metric names: a metric whose points all aged out of retention reports 0 series and 0 points', () => {
  const engine = new Engine({ retentionMs: 60 * 60 * 1000 });
  const source = engine.addSource('/logs/run.jsonl');
  engine.ingestText(source, line('2026-11-20T10:00:00Z', { event: 'tool_executed', tool_name: 'web_search', duration_ms: 120, success: true }), 1, 0);
  // A day later only agent activity: the tool metric's single series is emptied by retention.
  engine.ingestText(source, line('2026-11-21T10:00:00Z', { event: 'agent_execution_completed', agent_name: 'writer', duration_ms: 900, success: true }), 2, 100);
  const names = new Map(new EngineQueries(engine).metricNames().map((m) => [m.name, m]));
  assert.deepEqual(names.get('tool_execution_duration_ms'), { name: 'tool_execution_duration_ms', series: 0, points: 0 });
  assert.deepEqual(names.get('agent_execution_duration_ms'), { name: 'agent_execution_duration_ms', series: 1, points: 1 });
  assert.deepEqual(new EngineQueries(engine).metricSeries('tool_execution_duration_ms'), []);
});
