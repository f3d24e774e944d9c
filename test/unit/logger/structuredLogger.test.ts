import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MemorySink,
  MetricsCollector,
  StructuredLogger,
  microsFromIso,
  steppingClock,
  withContext,
} from '../../../src/logger/index';

const T0 = microsFromIso('2026-11-24T10:53:08.415410Z');

function setup(options: { metrics?: boolean } = {}) {
  const sink = new MemorySink();
  const metricsSink = new MemorySink();
  const metricsCollector = options.metrics ? new MetricsCollector({ sink: metricsSink, clock: steppingClock(T0) }) : undefined;
  const logger = new StructuredLogger({ sink, clock: steppingClock(T0, 1_000_000), metricsCollector });
  return { logger, sink, metricsSink, metricsCollector };
}

test('field order: bound, call fields, event, context (call wins), level, timestamp', () => {
  const { logger, sink } = setup();
  withContext({ request_id: 'r1', workflow_id: 'wf-ctx' }, () => {
    logger.bind({ component: 'api' }).info('step', { workflow_id: 'wf-call', n: 1 });
  });
  assert.equal(
    sink.lines[0],
    '{"component": "api", "workflow_id": "wf-call", "n": 1, "event": "step", "request_id": "r1", "level": "info", "timestamp": "2026-11-24T10:53:08.415410Z"}',
  );
});

test('timestamps: structlog iso+Z with microseconds, none when they are zero', () => {
  const sink = new MemorySink();
  const logger = new StructuredLogger({ sink, clock: steppingClock(microsFromIso('2026-01-01T00:00:00Z'), 5) });
  logger.info('a');
  logger.info('b');
  assert.match(sink.lines[0] ?? '', /"timestamp": "2026-01-01T00:00:00Z"}$/);
  assert.match(sink.lines[1] ?? '', /"timestamp": "2026-01-01T00:00:00.000005Z"}$/);
});

test('levels: debug, info, warning (warn too), error, critical', () => {
  const { logger, sink } = setup();
  logger.debug('d');
  logger.info('i');
  logger.warning('w');
  logger.warn('w2');
  logger.error('e');
  logger.critical('c');
  logger.log('info', 'l');
  assert.deepEqual(sink.lines.map((l) => (JSON.parse(l) as { level: string }).level), ['debug', 'info', 'warning', 'warning', 'error', 'critical', 'info']);
});

test('exception: level "error" and a Python-shaped traceback with the cause chain', () => {
  const { logger, sink } = setup();
  class ValueError extends Error {}
  logger.exception('crashed', new ValueError('outer', { cause: new Error('inner') }), { attempt: 2 });
  const line = JSON.parse(sink.lines[0] ?? '') as Record<string, string>;
  assert.equal(line.level, 'error');
  assert.deepEqual(Object.keys(line), ['attempt', 'event', 'level', 'exception', 'timestamp']);
  const [cause, main] = (line.exception ?? '').split('\n\nThe above exception was the direct cause of the following exception:\n\n');
  // Most recent call last: the frame that created the error comes right before its line.
  assert.match(cause ?? '', /^Traceback \(most recent call last\):\n {2}File "/);
  assert.match(cause ?? '', /\n {2}File ".*structuredLogger\.test\.ts", line \d+, in [^\n]+\nError: inner$/);
  assert.match(main ?? '', /\nValueError: outer$/);
  logger.exception('odd', 'a string');
  assert.equal((JSON.parse(sink.lines[1] ?? '') as Record<string, string>).exception, 'Error: a string');
});

test('logAgentExecution: completed at info, failed at error with error_message; summaries', () => {
  const { logger, sink } = setup();
  logger.logAgentExecution({ agentName: 'research_lead', inputData: { q: 'x', tags: ['a'] }, outputData: { n: 2 }, durationMs: 1000, success: true });
  logger.logAgentExecution({ agentName: 'writer', inputData: {}, outputData: {}, durationMs: 812.5, success: false, errorMessage: 'boom' });
  assert.equal(
    sink.lines[0],
    '{"agent_name": "research_lead", "input_summary": {"q": "x", "tags": {"type": "list", "length": 1}}, "output_summary": {"n": 2}, "duration_ms": 1000.0, "success": true, "event": "agent_execution_completed", "level": "info", "timestamp": "2026-11-24T10:53:08.415410Z"}',
  );
  assert.equal(
    sink.lines[1],
    '{"agent_name": "writer", "input_summary": {}, "output_summary": {}, "duration_ms": 812.5, "success": false, "error_message": "boom", "event": "agent_execution_failed", "level": "error", "timestamp": "2026-11-24T10:53:09.415410Z"}',
  );
});

test('logToolUsage: tool_executed with redacted parameters, result summary, float cost default 0.0', () => {
  const { logger, sink } = setup();
  logger.logToolUsage({ toolName: 'web_search', parameters: { query: 'q', api_key: 'sk' }, result: { hits: 1 }, durationMs: 5, success: false });
  assert.equal(
    sink.lines[0],
    '{"tool_name": "web_search", "parameters_summary": {"query": "q", "api_key": "***REDACTED***"}, "result_summary": {"type": "dict", "keys": ["hits"], "size_bytes": 11}, "duration_ms": 5.0, "success": false, "cost_estimate": 0.0, "event": "tool_executed", "level": "info", "timestamp": "2026-11-24T10:53:08.415410Z"}',
  );
});

test('redactKeys option extends what tool parameters hide', () => {
  const sink = new MemorySink();
  new StructuredLogger({ sink, redactKeys: ['api_key', 'authorization'] }).logToolUsage({
    toolName: 't', parameters: { Authorization: 'Bearer x' }, result: null, durationMs: 1, success: true,
  });
  assert.match(sink.lines[0] ?? '', /"parameters_summary": \{"Authorization": "\*\*\*REDACTED\*\*\*"\}/);
});

test('logRoutingDecision, logWorkflowEvent (metadata merged), logLlmUsage (gen_ai keys)', () => {
  const { logger, sink } = setup();
  logger.logRoutingDecision({ decisionPoint: 'supervisor', availableNodes: ['a', 'b'], selectedNode: 'a', reasoning: 'r', confidence: 1 });
  logger.logWorkflowEvent({ eventType: 'completed', workflowId: 'wf-42', status: 'success', metadata: { total_agents: 3 } });
  logger.logLlmUsage({ model: 'gpt-4o', inputTokens: 100, outputTokens: 20, responseModel: 'gpt-4o-2024-08-06', durationMs: 640, fields: { agent_name: 'writer' } });
  const [routing, workflow, llm] = sink.lines;
  assert.match(routing ?? '', /^\{"decision_point": "supervisor", "available_nodes": \["a", "b"\], "selected_node": "a", "reasoning": "r", "confidence": 1\.0, "event": "routing_decision", "level": "info"/);
  assert.match(workflow ?? '', /^\{"workflow_id": "wf-42", "status": "success", "total_agents": 3, "event": "workflow_completed", "level": "info"/);
  assert.match(
    llm ?? '',
    /^\{"gen_ai\.request\.model": "gpt-4o", "gen_ai\.usage\.input_tokens": 100, "gen_ai\.usage\.output_tokens": 20, "gen_ai\.response\.model": "gpt-4o-2024-08-06", "duration_ms": 640\.0, "agent_name": "writer", "event": "llm_call_completed", "level": "info"/,
  );
});

test('bindContext skips empty seed keys (as `if request_id:` did) and keeps other fields', () => {
  const { logger, sink } = setup();
  withContext({}, () => {
    logger.bindContext({ request_id: 'r1', workflow_id: '', user_id: undefined, tenant: '' });
    logger.info('x');
  });
  assert.match(sink.lines[0] ?? '', /"event": "x", "request_id": "r1", "tenant": "", "level"/);
});

test('an attached MetricsCollector records agent and tool executions, as in the seed', () => {
  const { logger, metricsSink } = setup({ metrics: true });
  logger.logAgentExecution({ agentName: 'a', inputData: {}, outputData: {}, durationMs: 10, success: true });
  logger.logToolUsage({ toolName: 't', parameters: {}, result: 'r', durationMs: 2, success: false, costEstimate: 0.002 });
  assert.deepEqual(
    metricsSink.lines.map((l) => JSON.parse(l) as { name: string; value: number }).map((p) => [p.name, p.value]),
    [
      ['agent_execution_duration_ms', 10],
      ['agent_execution_success', 1],
      ['tool_execution_duration_ms', 2],
      ['tool_execution_success', 0],
      ['tool_execution_cost', 0.002],
    ],
  );
});

test('undefined fields are absent, null fields are null', () => {
  const { logger, sink } = setup();
  logger.info('x', { a: undefined, b: null });
  assert.match(sink.lines[0] ?? '', /^\{"b": null, "event": "x"/);
});
