import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { at, ingest, line, newEngine } from '../../helpers/ingest';

test('malformed lines are counted with their line numbers, blank lines are neither', () => {
  const engine = newEngine();
  const text = [
    line({ event: 'agent_execution_completed', agent_name: 'a', duration_ms: 5, success: true, timestamp: at(1) }),
    'not json',
    '[1,2,3]',
    '42',
    '"just a string"',
    'null',
    '{"truncated": ',
    '',
    '   ',
    line({ event: 'tool_executed', tool_name: 't', duration_ms: 2, success: true, timestamp: at(2) }),
  ].join('\n');
  const source = ingest(engine, 'a.jsonl', text);
  assert.equal(source.lines, 10);
  assert.equal(source.events, 2);
  assert.equal(source.malformed, 6);
  assert.equal(source.blank, 2);
  assert.deepEqual(source.malformedSamples.map((m) => m.line), [2, 3, 4, 5, 6, 7]);
  assert.match(source.malformedSamples[1]?.reason ?? '', /array/);
});

test('__proto__, constructor and prototype keys are data, never prototypes', () => {
  const engine = newEngine();
  ingest(
    engine,
    'p.jsonl',
    [
      '{"event":"tool_executed","tool_name":"__proto__","duration_ms":1,"success":true,"timestamp":"2026-11-24T10:00:00Z","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      '{"name":"m","value":1,"timestamp":"2026-11-24T10:00:00Z","tags":{"__proto__":"x","constructor":"y"}}',
    ].join('\n'),
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(engine.metrics.summary('tool_execution_duration_ms', {}, { tool_name: '__proto__' }).count, 1);
  const [series] = engine.metrics.seriesOf('m');
  assert.deepEqual(Object.entries(series?.tags ?? {}), [['__proto__', 'x'], ['constructor', 'y']]);
});

test('10,000 levels of nesting and a huge array are read without a stack overflow', () => {
  const engine = newEngine();
  const deep = `{"event":"deep","timestamp":"2026-11-24T10:00:00Z","x":${'['.repeat(10000)}${']'.repeat(10000)}}`;
  const wide = `{"event":"wide","timestamp":"2026-11-24T10:00:01Z","x":[${'1,'.repeat(200000)}1]}`;
  const source = ingest(engine, 'd.jsonl', `${deep}\n${wide}\n`);
  assert.equal(source.events, 2);
});

test('numbers as strings record points; NaN, Infinity and text do not, but the event stays', () => {
  const engine = newEngine();
  const source = ingest(
    engine,
    'n.jsonl',
    [
      line({ event: 'agent_execution_completed', agent_name: 'a', duration_ms: '12.5', success: 'true', timestamp: at(1) }),
      line({ event: 'agent_execution_completed', agent_name: 'a', duration_ms: 'NaN', success: true, timestamp: at(2) }),
      line({ event: 'agent_execution_completed', agent_name: 'a', duration_ms: 'Infinity', success: true, timestamp: at(3) }),
      line({ event: 'agent_execution_completed', agent_name: 'a', duration_ms: 'abc', success: true, timestamp: at(4) }),
    ].join('\n'),
  );
  assert.equal(source.events, 4);
  const durations = engine.metrics.summary('agent_execution_duration_ms');
  assert.equal(durations.count, 1);
  assert.equal('sum' in durations && durations.sum, 12.5);
  assert.equal(engine.metrics.summary('agent_execution_success').count, 4);
  assert.equal(engine.events.length, 4);
});

test('line kinds are detected per line: events, variants, metric points, alerts', () => {
  const engine = newEngine();
  const source = ingest(
    engine,
    'k.jsonl',
    [
      line({ event: 'agent_execution', agent_name: 'a', duration_ms: 3, success: false, timestamp: at(1) }),
      line({ event: 'tool_usage', tool_name: 't', duration_ms: 3, success: true, timestamp: at(2) }),
      JSON.stringify({ msg: 'pino style', level: 50, time: Date.parse(at(3)) }),
      JSON.stringify({ name: 'tool_execution_cost', value: 0.002, timestamp: '2026-11-24T10:00:04.4', tags: { tool_name: 'web_search' } }),
      JSON.stringify({ rule_name: 'slow', severity: 'warning', condition: 'latency_high', metric_name: 'x', threshold: 1, actual_value: 2, timestamp: at(5), message: 'm', metadata: {} }),
      JSON.stringify({ unrelated: true }),
    ].join('\n'),
  );
  assert.equal(source.lines, 6);
  assert.equal(source.events, 5);
  assert.equal(source.format, 'mixed');
  assert.equal(engine.metrics.summary('agent_execution_success').count, 1);
  assert.equal(engine.metrics.summary('tool_execution_cost').count, 2, 'the MetricPoint line and the derived 0 cost');
  assert.equal(engine.externalAlerts.length, 1);
  assert.equal(engine.events.level(2), 'error');
});

test('a line without a timestamp takes the previous line\'s; naive timestamps are UTC', () => {
  const engine = newEngine();
  ingest(
    engine,
    't.jsonl',
    [
      line({ event: 'tool_executed', tool_name: 't', duration_ms: 1, success: true, timestamp: '2026-11-24T10:00:00' }),
      line({ event: 'tool_executed', tool_name: 't', duration_ms: 2, success: true }),
    ].join('\n'),
  );
  assert.equal(engine.events.timestamp(1), Date.parse('2026-11-24T10:00:00Z'));
});

test('workflow metrics come from metadata, else from the events of the workflow', () => {
  const engine = newEngine();
  ingest(
    engine,
    'w.jsonl',
    [
      line({ event: 'workflow_started', workflow_id: 'w1', status: 'started', timestamp: at(0) }),
      line({ event: 'agent_execution_completed', workflow_id: 'w1', agent_name: 'a', duration_ms: 10, success: true, timestamp: at(1) }),
      line({ event: 'tool_executed', workflow_id: 'w1', agent_name: 'a', tool_name: 't', duration_ms: 1, success: false, cost_estimate: 0.5, timestamp: at(1) }),
      line({ event: 'workflow_completed', workflow_id: 'w1', status: 'success', timestamp: at(4) }),
      line({ event: 'workflow_started', workflow_id: 'w2', status: 'started', timestamp: at(5) }),
      line({ event: 'workflow_failed', workflow_id: 'w2', status: 'failed', total_agents: 7, total_tools: 9, total_duration_ms: 1234, timestamp: at(6) }),
    ].join('\n'),
  );
  const value = (name: string, id: string): number => {
    const s = engine.metrics.summary(name, {}, { workflow_id: id });
    return 'sum' in s ? s.sum : NaN;
  };
  assert.equal(value('workflow_total_agents', 'w1'), 1);
  assert.equal(value('workflow_total_tools', 'w1'), 1);
  assert.equal(value('workflow_total_duration_ms', 'w1'), 4000);
  assert.equal(value('workflow_success', 'w1'), 1);
  assert.equal(value('workflow_total_agents', 'w2'), 7);
  assert.equal(value('workflow_total_tools', 'w2'), 9);
  assert.equal(value('workflow_total_duration_ms', 'w2'), 1234);
  assert.equal(value('workflow_success', 'w2'), 0);
  const w1 = engine.workflowByKey('w1')?.summary(0);
  assert.equal(w1?.status, 'completed');
  assert.equal(w1?.errors, 1);
});

test('events without workflow_id group by request_id, else by file', () => {
  const engine = newEngine();
  ingest(
    engine,
    'logs/r.jsonl',
    [
      line({ event: 'agent_execution_completed', request_id: 'r1', agent_name: 'a', duration_ms: 1, success: true, timestamp: at(1) }),
      line({ event: 'agent_execution_completed', agent_name: 'b', duration_ms: 1, success: true, timestamp: at(2) }),
    ].join('\n'),
  );
  assert.deepEqual(engine.workflows().map((w) => w.key).sort(), ['file:logs/r.jsonl', 'r1']);
});

test('invalid UTF-8 bytes are replaced and the line is kept', () => {
  const engine = newEngine();
  const good = Buffer.from(line({ event: 'agent_execution_completed', agent_name: 'a', duration_ms: 1, success: true, timestamp: at(1) }));
  const bad = Buffer.concat([Buffer.from('{"event":"note","detail":"bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","timestamp":"2026-11-24T10:00:02Z"}')]);
  const source = ingest(engine, 'u.jsonl', Buffer.concat([good, Buffer.from('\n'), bad, Buffer.from('\n')]), { chunkSize: 7 });
  assert.equal(source.events, 2);
  assert.equal(source.malformed, 0);
  assert.equal(engine.events.name(1), 'note');
});
