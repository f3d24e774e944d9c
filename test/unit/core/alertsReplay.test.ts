import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { shippedDefaultRules } from '../../../src/core/alerts/defaults';
import { replay, rules, summary } from '../../helpers/alerts';
import { at, line } from '../../helpers/ingest';

const doc = (...lines: string[]): string => `${lines.join('\n')}\n`;

const tool = (s: number, extra: Record<string, unknown> = {}): string =>
  line({ event: 'tool_executed', workflow_id: 'wf-7', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: 400, success: true, cost_estimate: 0.001, timestamp: at(s), ...extra });

const COUNT_TOOLS = rules({ name: 'busy', condition: 'threshold_exceeded', metric_name: 'tool_execution_success', aggregate: 'count', threshold: 3, duration: '60s', cooldown: '1h' });

test('replaying an old file stamps alerts in event time, with the contributing line and workflow', () => {
  const log = doc(
    line({ event: 'workflow_started', workflow_id: 'wf-42', status: 'started', timestamp: at(0) }),
    line({ event: 'agent_execution_completed', workflow_id: 'wf-42', agent_name: 'web_researcher', duration_ms: 1500, success: true, timestamp: at(2) }),
    line({ event: 'agent_execution_failed', workflow_id: 'wf-42', agent_name: 'research_lead', duration_ms: 2800, success: false, error_message: 'quota', level: 'error', timestamp: at(3) }),
    line({ event: 'workflow_failed', workflow_id: 'wf-42', status: 'failed', timestamp: at(3.5) }),
  );
  const { changes } = replay([['/logs/run.jsonl', log]], rules({ name: 'failures', condition: 'error_rate_high', metric_name: 'agent_execution_success', threshold: 0.25, duration: '10m' }));
  assert.deepEqual(summary(changes), ['alert failures@3']);
  const alert = changes[0]?.alert;
  assert.equal(alert?.timestamp, '2026-11-24T10:00:03.000000Z', 'event time, not the wall clock of the replay');
  assert.equal(alert?.actual_value, 0.5);
  assert.equal(alert?.metadata.count, 2);
  assert.deepEqual(alert?.metadata.source, { path: '/logs/run.jsonl', line: 3 });
  assert.equal(alert?.metadata.workflow_id, 'wf-42');
  assert.equal(alert?.metadata.window_start, '2026-11-24T09:50:03.000000Z');
  assert.equal(changes[0]?.historical, false);
});

test('sources are merged by timestamp before evaluation, not read one after the other', () => {
  // Read file by file, b.jsonl's points would arrive after a.jsonl's point at 100 s and be out of the window.
  const a = doc(tool(0), tool(100));
  const b = doc(tool(10), tool(20), tool(30));
  const { changes } = replay([['/logs/a.jsonl', a], ['/logs/b.jsonl', b]], COUNT_TOOLS);
  assert.deepEqual(summary(changes), ['alert busy@30', 'resolved busy@100']);
  assert.deepEqual(changes[0]?.alert.metadata.source, { path: '/logs/b.jsonl', line: 3 });
});

test('replay is deterministic, and the order of PATH arguments does not matter when timestamps differ', () => {
  const a = doc(tool(0), tool(15), tool(100), tool(101, { duration_ms: 99_000 }));
  const b = doc(tool(10), tool(20), tool(30), tool(102));
  const ruleSet = [...COUNT_TOOLS, ...shippedDefaultRules()];
  const one = replay([['/logs/a.jsonl', a], ['/logs/b.jsonl', b]], ruleSet).changes;
  const two = replay([['/logs/a.jsonl', a], ['/logs/b.jsonl', b]], ruleSet).changes;
  const swapped = replay([['/logs/b.jsonl', b], ['/logs/a.jsonl', a]], ruleSet).changes;
  const strip = (cs: typeof one) => cs.map((c) => ({ type: c.type, alert: c.alert }));
  assert.ok(one.length >= 3);
  assert.deepEqual(strip(two), strip(one));
  assert.deepEqual(strip(swapped), strip(one));
});

test('equal timestamps keep source order, then line order; every rule is evaluated after each line', () => {
  const latest = rules({ name: 'slow now', condition: 'latency_high', metric_name: 'tool_execution_duration_ms', aggregate: 'latest', threshold: 1000, duration: '60s', cooldown: '0s' });
  const slow = doc(tool(10, { duration_ms: 5000 }));
  const fast = doc(tool(10, { duration_ms: 50 }));
  assert.deepEqual(summary(replay([['/logs/slow.jsonl', slow], ['/logs/fast.jsonl', fast]], latest).changes), ['alert slow now@10', 'resolved slow now@10']);
  assert.deepEqual(summary(replay([['/logs/fast.jsonl', fast], ['/logs/slow.jsonl', slow]], latest).changes), ['alert slow now@10']);
});

test('out-of-order lines within one file are evaluated in time order', () => {
  const { changes } = replay([['/logs/a.jsonl', doc(tool(30), tool(10), tool(20), tool(0))]], COUNT_TOOLS);
  assert.deepEqual(summary(changes), ['alert busy@30']);
  assert.equal(changes[0]?.alert.metadata.source?.line, 1);
});

test('MetricPoint lines feed rules, with their workflow_id tag; exceptions in structlog lines match the default rule', () => {
  const log = doc(
    JSON.stringify({ name: 'queue_depth', value: 7, timestamp: at(1), tags: { workflow_id: 'wf-9', queue: 'main' } }),
    line({ event: 'agent_execution_failed', workflow_id: 'wf-9', agent_name: 'research_lead', success: false, duration_ms: 10, level: 'exception', exception: 'Traceback (most recent call last):\n  File "x.py", line 1\nKeyError: \'k\'', timestamp: at(2) }),
  );
  const ruleSet = [...rules({ name: 'deep queue', condition: 'threshold_exceeded', metric_name: 'queue_depth', threshold: 5, tags: { queue: 'main' } }), ...shippedDefaultRules()];
  const { changes } = replay([['/logs/mixed.jsonl', log]], ruleSet);
  assert.deepEqual(summary(changes), ['alert deep queue@1', 'alert agent failure rate@2', 'alert exceptions@2']);
  assert.equal(changes[0]?.alert.metadata.workflow_id, 'wf-9');
  assert.equal(changes[2]?.alert.metadata.source?.line, 2);
});

test('a replay of existing content can be marked historical', () => {
  const { changes } = replay([['/logs/a.jsonl', doc(tool(0), tool(1), tool(2), tool(3))]], COUNT_TOOLS, true);
  assert.deepEqual(summary(changes), ['alert busy@3']);
  assert.equal(changes[0]?.historical, true);
  assert.equal(changes[0]?.alert.metadata.historical, true);
});

test('the shipped defaults stay quiet on a healthy run and no_data does not fire at the start of a replay', () => {
  const healthy = doc(
    line({ event: 'workflow_started', workflow_id: 'wf-1', status: 'started', timestamp: at(0) }),
    tool(5),
    line({ event: 'agent_execution_completed', workflow_id: 'wf-1', agent_name: 'web_researcher', duration_ms: 900, success: true, timestamp: at(6) }),
    line({ event: 'workflow_completed', workflow_id: 'wf-1', status: 'completed', timestamp: at(7) }),
  );
  assert.deepEqual(replay([['/logs/ok.jsonl', healthy]], shippedDefaultRules()).changes, []);
});
