import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildTrace, indexTrace, type TraceNode } from '../../../src/core/traces/build';
import { TraceView } from '../../../src/core/traces/traceView';
import type { Engine } from '../../../src/core/model/engine';
import { at, ingest, line, newEngine } from '../../helpers/ingest';

/** "name(child,child)" rendering of a tree, children in time order. */
function shape(node: TraceNode): string {
  return node.children.length === 0 ? node.name : `${node.name}(${node.children.map(shape).join(',')})`;
}

function traceOf(engine: Engine, key: string): TraceNode {
  const wf = engine.workflowByKey(key);
  assert.ok(wf, `workflow ${key}`);
  return buildTrace(engine, wf).root;
}

const agent = (name: string, endS: number, durS: number, extra: Record<string, unknown> = {}): string =>
  line({ event: 'agent_execution_completed', workflow_id: 'w', agent_name: name, duration_ms: durS * 1000, success: true, timestamp: at(endS), ...extra });
const tool = (name: string, agentName: string, endS: number, durS: number, extra: Record<string, unknown> = {}): string =>
  line({ event: 'tool_executed', workflow_id: 'w', agent_name: agentName, tool_name: name, duration_ms: durS * 1000, success: true, timestamp: at(endS), ...extra });

test('supervisor > team lead > worker > tool, from completion-ordered lines', () => {
  const engine = newEngine();
  ingest(
    engine,
    'h.jsonl',
    [
      line({ event: 'workflow_started', workflow_id: 'w', status: 'started', timestamp: at(0) }),
      line({ event: 'routing_decision', workflow_id: 'w', agent_name: 'supervisor', decision_point: 'supervisor', selected_node: 'research_lead', timestamp: at(0.5) }),
      tool('web_search', 'web_researcher', 3, 1),
      agent('web_researcher', 4, 2.5),
      tool('llm_completion', 'copywriter', 7, 1),
      agent('copywriter', 8, 3),
      agent('research_lead', 9, 8),
      agent('supervisor', 10, 9.8),
      line({ event: 'workflow_completed', workflow_id: 'w', status: 'success', timestamp: at(10) }),
    ].join('\n'),
  );
  const root = traceOf(engine, 'w');
  assert.equal(shape(root), 'w(supervisor(supervisor → research_lead,research_lead(web_researcher(web_search),copywriter(llm_completion))))');
  assert.equal(root.start, at(0));
  assert.equal(root.end, at(10));
  const supervisor = root.children[0] as TraceNode;
  assert.equal(supervisor.source?.line, 8);
  assert.equal(supervisor.duration_ms, 9800);
  assert.equal(supervisor.start, '2026-11-24T10:00:00.200000Z');
});

test('identical intervals: the later line is the parent', () => {
  const engine = newEngine();
  ingest(engine, 'i.jsonl', [agent('child', 5, 2), agent('parent', 5, 2)].join('\n'));
  assert.equal(shape(traceOf(engine, 'w')), 'w(parent(child))');
});

test('tools prefer the containing agent span with their own agent_name (parallel workers)', () => {
  const engine = newEngine();
  ingest(
    engine,
    'p.jsonl',
    [
      tool('t1', 'w1', 9, 1), // inside w1 [0,10] and w2 [5,15]; w2 starts later but is not its agent
      agent('w1', 10, 10),
      tool('t2', 'w2', 14, 1),
      agent('w2', 15, 10),
      agent('lead', 16, 16),
    ].join('\n'),
  );
  assert.equal(shape(traceOf(engine, 'w')), 'w(lead(w1(t1),w2(t2)))');
});

test('a tool with no agent of its name falls back to the innermost containing span', () => {
  const engine = newEngine();
  ingest(engine, 'f.jsonl', [tool('t', 'nobody', 3, 1), agent('inner', 4, 2), agent('outer', 5, 5)].join('\n'));
  assert.equal(shape(traceOf(engine, 'w')), 'w(outer(inner(t)))');
});

test('points nest under the innermost span containing their timestamp, tools included', () => {
  const engine = newEngine();
  ingest(
    engine,
    'e.jsonl',
    [
      line({ event: 'llm_call', workflow_id: 'w', agent_name: 'a', model: 'gpt-4o', input_tokens: 1, output_tokens: 1, timestamp: at(2.5) }),
      tool('llm', 'a', 3, 1),
      line({ event: 'note', workflow_id: 'w', agent_name: 'a', timestamp: at(3.5) }),
      agent('a', 4, 4),
      line({ event: 'after', workflow_id: 'w', timestamp: at(9) }),
    ].join('\n'),
  );
  assert.equal(shape(traceOf(engine, 'w')), 'w(a(llm(llm_call),note),after)');
});

test('explicit span_id / parent_span_id override inference; cycles are cut', () => {
  const engine = newEngine();
  ingest(
    engine,
    'x.jsonl',
    [
      agent('b', 2, 1, { span_id: 'B', parent_span_id: 'A' }),
      agent('a', 10, 1, { span_id: 'A' }), // not containing b in time, but explicit
      agent('c', 20, 1, { span_id: 'C', parent_span_id: 'D' }),
      agent('d', 30, 1, { span_id: 'D', parent_span_id: 'C' }),
    ].join('\n'),
  );
  const root = traceOf(engine, 'w');
  const names = (n: TraceNode): string[] => [n.name, ...n.children.flatMap(names)];
  assert.deepEqual(names(root).sort(), ['a', 'b', 'c', 'd', 'w']);
  assert.match(shape(root), /a\(b\)/);
  assert.ok(/c\(d\)|d\(c\)/.test(shape(root)), shape(root));
});

test('every node points at its own log line', () => {
  const engine = newEngine();
  const lines = [agent('x', 2, 1), tool('t', 'x', 1.5, 0.2), agent('y', 5, 1)];
  ingest(engine, 's.jsonl', lines.join('\n'));
  const walk = (n: TraceNode): TraceNode[] => [n, ...n.children.flatMap(walk)];
  const text = lines.join('\n');
  for (const node of walk(traceOf(engine, 'w')).slice(1)) {
    const src = node.source;
    assert.ok(src);
    assert.equal(text.slice(src.byteOffset, src.byteOffset + (lines[src.line - 1]?.length ?? 0)), lines[src.line - 1]);
  }
});

test('a 100k-span workflow builds (and nests) without recursion limits', () => {
  const engine = newEngine();
  const rows: string[] = [];
  for (let i = 0; i < 50_000; i++) {
    rows.push(tool('t', `w${i % 7}`, i + 0.5, 0.2));
    rows.push(agent(`w${i % 7}`, i + 0.9, 0.8));
  }
  ingest(engine, 'big.jsonl', rows.join('\n'));
  const root = traceOf(engine, 'w');
  assert.equal(root.children.length, 50_000);
  assert.ok(root.children.every((c) => c.children.length === 1 && c.children[0]?.kind === 'tool'));
});

test('TraceView serves one level at a time and the path down to a node', () => {
  const engine = newEngine();
  ingest(engine, 'v.jsonl', [tool('t', 'inner', 3, 1), agent('inner', 4, 2), agent('outer', 5, 5), agent('other', 9, 1)].join('\n'));
  const wf = engine.workflowByKey('w');
  assert.ok(wf);
  const view = new TraceView(engine, indexTrace(engine, wf));
  const top = view.children(null);
  assert.deepEqual(top?.map((s) => [s.name, s.childCount]), [['outer', 1], ['other', 0]]);
  const inner = view.children(top?.[0]?.id ?? '');
  assert.deepEqual(inner?.map((s) => s.name), ['inner']);
  assert.deepEqual(view.ancestry('0:1')?.map((s) => s.name), ['outer', 'inner', 't']);
  assert.equal(view.children('9:99'), undefined);
  assert.equal(view.ancestry('nope'), undefined);
});
