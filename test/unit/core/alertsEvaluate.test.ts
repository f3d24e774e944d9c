import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { percentileSorted, type Aggregate } from '../../../src/core/metrics/stats';
import { alertEngine, evalAt, pointAt, ref, sec, summary } from '../../helpers/alerts';

const M = 'm';
const WINDOW = { duration: '60s', cooldown: '1h' };

test('window edges: a point 59 s old counts in a 60 s window, one 61 s old does not', () => {
  const rule = { name: 'edge', condition: 'threshold_exceeded', metric_name: M, threshold: 0, aggregate: 'count', ...WINDOW } as const;
  const inside = alertEngine(rule);
  inside.notePoint(M, {}, sec(0), 1, ref(1));
  assert.deepEqual(summary(evalAt(inside, 59)), ['alert edge@59']);
  assert.equal(inside.firing()[0]?.alert.metadata.count, 1);

  const outside = alertEngine(rule);
  outside.notePoint(M, {}, sec(0), 1, ref(1));
  assert.deepEqual(summary(evalAt(outside, 61)), []);

  const sliding = alertEngine(rule);
  assert.deepEqual(summary(pointAt(sliding, M, {}, 0, 1)), ['alert edge@0']);
  assert.deepEqual(summary(evalAt(sliding, 59)), []);
  assert.deepEqual(summary(evalAt(sliding, 61)), ['resolved edge@61']);
});

test('empty windows never fire a value rule and never yield NaN', () => {
  const alerts = alertEngine(
    { name: 'few', condition: 'threshold_below', metric_name: M, threshold: 1, aggregate: 'count', ...WINDOW },
    { name: 'low', condition: 'threshold_below', metric_name: M, threshold: 5, ...WINDOW },
    { name: 'err', condition: 'error_rate_high', metric_name: 'x_success', threshold: 0, ...WINDOW },
    { name: 'slow', condition: 'latency_high', metric_name: M, threshold: -1, ...WINDOW },
  );
  alerts.noteActivity(sec(0));
  for (const s of [0, 30, 120, 3600]) assert.deepEqual(evalAt(alerts, s), []);
  // Points of other metrics do not count, and a point that ages out resolves with a null value.
  alerts.notePoint('other', {}, sec(3601), 0, ref(1));
  assert.deepEqual(evalAt(alerts, 3601), []);
  const fired = pointAt(alerts, M, {}, 3602, 2);
  assert.deepEqual(summary(fired), ['alert low@3602', 'alert slow@3602']);
  const resolved = evalAt(alerts, 4000);
  assert.deepEqual(summary(resolved), ['resolved low@4000', 'resolved slow@4000']);
  for (const change of [...fired, ...resolved]) assert.ok(!JSON.stringify(change.alert).includes('NaN'));
  assert.equal(resolved[0]?.alert.actual_value, null);
  assert.equal(resolved[0]?.alert.metadata.count, 0);
});

test('each aggregate, compared with > (values 1, 2, 3, 4, 100 in one window)', () => {
  // Hand-computed (numpy linear): p90 = 4 + 0.6·96 = 61.6, p95 = 4 + 0.8·96 = 80.8, p99 = 4 + 0.96·96 = 96.16.
  const expected: Record<Aggregate, number> = {
    mean: 22, max: 100, min: 1, sum: 110, count: 5, latest: 100, median: 3, p50: 3, p90: 61.6, p95: 80.8, p99: 96.16,
  };
  // The "equal to the threshold" engine needs the exact doubles numpy's lerp yields (61.60000000000001 …).
  const exact = { ...expected, p90: percentileSorted([1, 2, 3, 4, 100], 90), p95: percentileSorted([1, 2, 3, 4, 100], 95), p99: percentileSorted([1, 2, 3, 4, 100], 99) };
  const kinds = Object.keys(expected) as Aggregate[];
  const build = (thresholds: Record<Aggregate, number>, offset: number) =>
    alertEngine(...kinds.map((k) => ({ name: k, condition: 'threshold_exceeded', metric_name: M, aggregate: k, threshold: thresholds[k] + offset, ...WINDOW }) as const));
  const below = build(expected, -0.001);
  const at = build(exact, 0);
  [1, 2, 3, 4, 100].forEach((v, i) => {
    below.notePoint(M, {}, sec(i + 1), v, ref(i + 1));
    at.notePoint(M, {}, sec(i + 1), v, ref(i + 1));
  });
  const fired = evalAt(below, 5);
  assert.deepEqual(fired.map((c) => c.alert.rule_name), kinds);
  for (const change of fired) {
    const want = expected[change.alert.rule_name as Aggregate];
    assert.ok(Math.abs((change.alert.actual_value as number) - want) < 1e-9, `${change.alert.rule_name}: ${change.alert.actual_value} vs ${want}`);
    assert.equal(change.alert.metadata.aggregate, change.alert.rule_name);
  }
  assert.deepEqual(evalAt(at, 5), [], 'equal to the threshold is not "exceeded"');
});

test('threshold_below, error_rate_high (1 − mean of *_success) and latency_high (p95 by default)', () => {
  const alerts = alertEngine(
    { name: 'below', condition: 'threshold_below', metric_name: 'q', threshold: 16, ...WINDOW },
    { name: 'not-below', condition: 'threshold_below', metric_name: 'q', threshold: 15, ...WINDOW },
    { name: 'errors', condition: 'error_rate_high', metric_name: 'agent_execution_success', threshold: 0.2, ...WINDOW },
    { name: 'errors-high-bar', condition: 'error_rate_high', metric_name: 'agent_execution_success', threshold: 0.25, ...WINDOW },
    { name: 'latency', condition: 'latency_high', metric_name: 'tool_execution_duration_ms', threshold: 1900, ...WINDOW },
  );
  alerts.notePoint('q', {}, sec(1), 10, ref(1));
  alerts.notePoint('q', {}, sec(1), 20, ref(2));
  [1, 1, 0, 1].forEach((v, i) => alerts.notePoint('agent_execution_success', { agent_name: 'a' }, sec(1), v, ref(3 + i)));
  for (let v = 100; v <= 2000; v += 100) alerts.notePoint('tool_execution_duration_ms', { tool_name: 't' }, sec(1), v, ref(10));
  const changes = evalAt(alerts, 1);
  assert.deepEqual(changes.map((c) => [c.alert.rule_name, c.alert.actual_value]), [['below', 15], ['errors', 0.25], ['latency', 1905]]);
  assert.equal(changes[1]?.alert.message, 'agent_execution_success error_rate_high threshold: 0.25 > 0.2');
});

test('no_data fires once a whole window passed without a point, never before any event, and resolves when data returns', () => {
  const rule = { name: 'quiet', condition: 'no_data', metric_name: M, duration: '60s' } as const;
  const idle = alertEngine(rule);
  for (const s of [0, 60, 600, 86_400]) assert.deepEqual(evalAt(idle, s), [], 'no event seen yet');

  const alerts = alertEngine(rule);
  alerts.noteActivity(sec(0));
  assert.deepEqual(evalAt(alerts, 30), []);
  const fired = evalAt(alerts, 60);
  assert.deepEqual(summary(fired), ['alert quiet@60']);
  assert.equal(fired[0]?.alert.actual_value, 0);
  assert.equal(fired[0]?.alert.message, 'no m data in the last 60s');
  assert.deepEqual(summary(pointAt(alerts, M, {}, 70, 1, 7)), ['resolved quiet@70']);
  assert.deepEqual(evalAt(alerts, 130), [], 'silent again, but within the 5m cooldown of the alert at 60');
  assert.deepEqual(evalAt(alerts, 359), []);
  const again = evalAt(alerts, 360);
  assert.deepEqual(summary(again), ['alert quiet@360']);
  assert.deepEqual(again[0]?.alert.metadata.source, { path: '/logs/0.jsonl', line: 7 }, 'points at the last line seen');
});

test('cooldown: a flapping value notifies at most once per cooldown, and each notified alert resolves once', () => {
  const alerts = alertEngine({ name: 'flap', condition: 'threshold_exceeded', metric_name: M, aggregate: 'latest', threshold: 10, duration: '60s', cooldown: '5m' });
  const changes = [];
  for (let s = 0; s <= 320; s += 10) changes.push(...pointAt(alerts, M, {}, s, (s / 10) % 2 === 0 ? 20 : 5));
  assert.deepEqual(summary(changes), ['alert flap@0', 'resolved flap@10', 'alert flap@300', 'resolved flap@310']);
});

test('cooldown: while the condition holds the rule fires again every cooldown (the seed\'s triggered_alerts)', () => {
  const alerts = alertEngine({ name: 'hot', condition: 'threshold_exceeded', metric_name: M, threshold: 10, duration: '1h', cooldown: '60s' });
  const changes = [];
  for (let s = 0; s <= 200; s += 10) changes.push(...pointAt(alerts, M, {}, s, 20));
  assert.deepEqual(summary(changes), ['alert hot@0', 'alert hot@60', 'alert hot@120', 'alert hot@180']);
});

test('`for`: the condition must hold that long (pending) before the rule fires; a break restarts it', () => {
  const alerts = alertEngine({ name: 'for', condition: 'threshold_exceeded', metric_name: M, aggregate: 'latest', threshold: 10, duration: '1h', for: '30s' });
  const changes = [];
  for (const [s, v] of [[0, 20], [10, 20], [20, 5], [30, 20], [50, 20]] as const) changes.push(...pointAt(alerts, M, {}, s, v));
  assert.deepEqual(changes, []);
  assert.deepEqual(evalAt(alerts, 59), []);
  assert.deepEqual(summary(evalAt(alerts, 60)), ['alert for@60'], 'fires on time without new data');
});

test('group_by: one stream per tag value, each with its own window, state and cooldown', () => {
  const alerts = alertEngine({
    name: 'slow tool', condition: 'latency_high', metric_name: 'tool_execution_duration_ms', group_by: ['tool_name'],
    aggregate: 'max', threshold: 1000, duration: '60s', cooldown: '5m', message_template: '{tags[tool_name]} {value} ms',
  });
  const d = 'tool_execution_duration_ms';
  const changes = [
    ...pointAt(alerts, d, { tool_name: 'web_search' }, 0, 2000),
    ...pointAt(alerts, d, { tool_name: 'scraper' }, 1, 500),
    ...pointAt(alerts, d, { tool_name: 'scraper' }, 2, 3000),
    ...pointAt(alerts, d, { tool_name: 'web_search' }, 3, 2500),
    ...evalAt(alerts, 70),
  ];
  assert.deepEqual(summary(changes), [
    'alert slow tool[tool_name=web_search]@0',
    'alert slow tool[tool_name=scraper]@2',
    'resolved slow tool[tool_name=web_search]@70',
    'resolved slow tool[tool_name=scraper]@70',
  ]);
  assert.deepEqual(changes[1]?.alert.metadata.tags, { tool_name: 'scraper' });
  assert.equal(changes[1]?.alert.message, 'scraper 3000 ms');
});

test('tags filter points by subset match', () => {
  const alerts = alertEngine({ name: 'lead', condition: 'threshold_exceeded', metric_name: M, threshold: 10, tags: { agent_name: 'research_lead' }, ...WINDOW });
  assert.deepEqual(pointAt(alerts, M, { agent_name: 'web_researcher' }, 0, 99), []);
  const fired = pointAt(alerts, M, { agent_name: 'research_lead', extra: 'x' }, 1, 99);
  assert.deepEqual(summary(fired), ['alert lead@1']);
  assert.deepEqual(fired[0]?.alert.metadata.tags, { agent_name: 'research_lead' });
});

test('the Alert.to_dict shape, with metadata for the last contributing event', () => {
  const alerts = alertEngine({ name: 'slow agents', condition: 'latency_high', metric_name: 'agent_execution_duration_ms', threshold: 5000, severity: 'critical', duration: '5m', cooldown: '15m' });
  alerts.notePoint('agent_execution_duration_ms', { agent_name: 'research_lead' }, sec(10), 6000, { sourceId: 0, line: 42, byteOffset: 4096 }, 'wf-42');
  const [change] = evalAt(alerts, 10);
  assert.ok(change);
  assert.deepEqual(Object.keys(change.alert), ['rule_name', 'severity', 'condition', 'metric_name', 'threshold', 'actual_value', 'timestamp', 'message', 'metadata']);
  assert.deepEqual(change.alert, {
    rule_name: 'slow agents', severity: 'critical', condition: 'latency_high', metric_name: 'agent_execution_duration_ms',
    threshold: 5000, actual_value: 6000, timestamp: '2026-11-24T10:00:10.000000Z',
    message: 'agent_execution_duration_ms latency_high threshold: 6000 > 5000',
    metadata: {
      count: 1, tags: {}, window_start: '2026-11-24T09:55:10.000000Z', window_end: '2026-11-24T10:00:10.000000Z',
      workflow_id: 'wf-42', source: { path: '/logs/0.jsonl', line: 42 }, state: 'firing', historical: false, group: {}, aggregate: 'p95',
    },
  });
  assert.deepEqual(change.ref, { sourceId: 0, line: 42, byteOffset: 4096 });
  assert.equal(change.type, 'alert');
});

test('points from the future wait for their time; late points join in time order; time never runs backwards', () => {
  const alerts = alertEngine({ name: 'max', condition: 'threshold_exceeded', metric_name: M, aggregate: 'max', threshold: 40, ...WINDOW });
  alerts.notePoint(M, {}, sec(100), 50, ref(1));
  assert.deepEqual(evalAt(alerts, 50), [], 'a point stamped 100 is not in (−10, 50]');
  assert.deepEqual(summary(evalAt(alerts, 100)), ['alert max@100']);
  const late = alertEngine({ name: 'max', condition: 'threshold_exceeded', metric_name: M, aggregate: 'max', threshold: 40, ...WINDOW });
  late.notePoint(M, {}, sec(100), 1, ref(1));
  assert.deepEqual(evalAt(late, 100), []);
  late.notePoint(M, {}, sec(90), 50, ref(2));
  const fired = evalAt(late, 101);
  assert.deepEqual(summary(fired), ['alert max@101']);
  assert.equal(fired[0]?.alert.metadata.source?.line, 1, 'the newest point (by time) is the last contributing one');
  assert.deepEqual(summary(evalAt(late, 10)), [], 'an earlier evaluation time is clamped to the last one');
  assert.equal(late.now, sec(101));
});

test('reloaded rules: an edited threshold applies at once to the data already seen; other edits start afresh', () => {
  const base = { name: 'r', condition: 'threshold_exceeded', metric_name: M, threshold: 100, ...WINDOW } as const;
  const alerts = alertEngine(base);
  assert.deepEqual(pointAt(alerts, M, {}, 0, 50), []);
  alerts.setRules(alertEngine({ ...base, threshold: 10 }).rules);
  assert.deepEqual(summary(evalAt(alerts, 1)), ['alert r@1']);
  alerts.setRules(alertEngine({ ...base, threshold: 10, metric_name: 'other' }).rules);
  assert.deepEqual(evalAt(alerts, 2), [], 'a rule reading another metric starts with an empty window and ends the old stream silently');
  assert.deepEqual(alerts.firing(), []);
  assert.deepEqual(pointAt(alerts, M, {}, 3, 50), [], 'routes are recomputed: the old metric feeds nothing now');
  assert.deepEqual(pointAt(alerts, 'other', {}, 4, 50), [], 'the edited rule keeps the cooldown of the alert at 1');
  assert.deepEqual(alerts.firing().map((c) => [c.alert.rule_name, c.alert.actual_value]), [['r', 50]], 'but it is firing, from the new metric');
});
