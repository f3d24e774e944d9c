// The natural consumer: a Tailer feeding an Engine through one SourceIngest per file
// identity, with history told apart from live lines (so alerts list, not notify, history).
import { strict as assert } from 'node:assert';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EngineTailConsumer } from '../../../src/node/tail/engineConsumer';
import { Tailer } from '../../../src/node/tail/tailer';
import { newEngine, line, at } from '../../helpers/ingest';
import { defer, FAST, tempDir } from '../../helpers/tailFixture';
import { Signal, waitUntil } from '../../helpers/waitUntil';

test('a Tailer feeds an Engine: events counted once, history flagged, oversized lines malformed', async (t) => {
  const file = join(tempDir(t), 'agents.jsonl');
  const agent = (i: number): string =>
    line({ event: 'agent_execution_completed', agent_name: 'worker', duration_ms: 100 + i, success: true, workflow_id: 'wf-1', timestamp: at(i) });
  writeFileSync(file, `${agent(1)}\n${agent(2)}\n`);
  const engine = newEngine();
  const consumer = new EngineTailConsumer(engine, { maxLineBytes: 4096 });
  const seen: Array<{ line: number; history: boolean }> = [];
  const signal = new Signal();
  engine.observe({
    onLineDone: (_ts, ref) => {
      seen.push({ line: ref.line, history: consumer.ingestingHistory });
      signal.notify();
    },
  });
  const tailer = new Tailer([file], consumer, FAST);
  defer(t, () => tailer.close());
  await tailer.start();
  await waitUntil(() => seen.length === 2, 'history', { signal });
  appendFileSync(file, `${agent(3)}\n{"msg":"${'x'.repeat(5000)}"}\n${agent(4).slice(0, 30)}`);
  appendFileSync(file, `${agent(4).slice(30)}\n`);
  await waitUntil(() => seen.length === 4, 'live lines', { signal });

  assert.deepEqual(seen, [{ line: 1, history: true }, { line: 2, history: true }, { line: 3, history: false }, { line: 5, history: false }]);
  const source = engine.sources[0];
  assert.equal(engine.sources.length, 1);
  assert.deepEqual([source?.lines, source?.events, source?.malformed], [5, 4, 1]);
  assert.equal(source?.malformedSamples[0]?.line, 4);
  assert.equal(engine.metrics.summary('agent_execution_duration_ms', {}).count, 4);
});

test('a truncated file starts a new engine source (node ids never collide); excluded files are skipped', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'agents.jsonl');
  const skipped = join(dir, 'skipped.jsonl');
  const agent = (i: number): string =>
    line({ event: 'agent_execution_completed', agent_name: 'worker', duration_ms: 100 + i, success: true, workflow_id: 'wf-1', timestamp: at(i) });
  writeFileSync(file, `${agent(1)}\n${agent(2)}\n`);
  writeFileSync(skipped, `${agent(9)}\n`);
  const engine = newEngine();
  const consumer = new EngineTailConsumer(engine, { exclude: ['**/skipped.jsonl'] });
  const tailer = new Tailer([dir], consumer, FAST);
  defer(t, () => tailer.close());
  await tailer.start();
  await tailer.settle();
  assert.deepEqual(engine.sources.map((s) => [s.path, s.lines]), [[file, 2]]);

  writeFileSync(file, `${agent(3)}\n`);
  await waitUntil(() => engine.sources.length === 2 && engine.sources[1]?.lines === 1, 'the rewritten file as a new source');
  const [before, after] = engine.sources;
  assert.ok(before && after);
  assert.deepEqual([before.lines, after.path, after.lines], [2, file, 1]);
  assert.deepEqual([consumer.stateOf(before), consumer.stateOf(after)], ['closed', 'following']);
});
