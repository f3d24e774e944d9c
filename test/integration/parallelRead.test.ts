/**
 * The parallel bulk read (parse workers over byte ranges, lines recorded in file order on
 * the engine's thread) must give the engine exactly what a sequential read gives: the same
 * report, traces, malformed samples and positions, wherever the range boundaries fall.
 * Uses the built worker (dist/parseWorker.js; `npm test` builds first).
 */
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { buildReport } from '../../src/core/model/report';
import { Engine } from '../../src/core/model/engine';
import { buildTrace } from '../../src/core/traces/build';
import { readSources, type ReadOptions } from '../../src/node/readSource';
import { SHIPPED_PRICES } from '../../src/node/prices';
import { tempDir } from '../helpers/cli';
import { seededRandom } from '../helpers/random';
import { generateFixture } from '../helpers/structlogFixture';

const WORKER = resolve(__dirname, '../../dist/parseWorker.js');

async function snapshot(files: string[], options: ReadOptions): Promise<string> {
  const engine = new Engine({ prices: [SHIPPED_PRICES] });
  const failed = await readSources(engine, files, options);
  assert.deepEqual(failed.map((s) => s.error), []);
  const traces = engine.workflows().map((wf) => buildTrace(engine, wf));
  const samples = engine.sources.map((s) => ({ lines: s.lines, blank: s.blank, events: s.events, malformed: s.malformedSamples, lastTs: s.lastTs }));
  return JSON.stringify({ report: buildReport(engine, 'test'), traces, samples, events: engine.events.length }, null, 1);
}

async function assertSameAsSequential(files: string[], workerCounts: readonly number[], maxLineBytes?: number): Promise<void> {
  assert.ok(existsSync(WORKER), `${WORKER} missing: run npm run build`);
  const base: ReadOptions = maxLineBytes === undefined ? {} : { maxLineBytes };
  const sequential = await snapshot(files, base);
  for (const workers of workerCounts) {
    const parallel = await snapshot(files, { ...base, parallel: { workerFile: WORKER, workers, minBytes: 0 } });
    if (parallel !== sequential) {
      const a = sequential.split('\n');
      const b = parallel.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      assert.fail(`${workers} workers differ from the sequential read at snapshot line ${at}:\n  sequential ${a[at]}\n  parallel   ${b[at]}`);
    }
  }
}

test('parallel read of a real structlog run equals the sequential read (report, every trace, positions)', async () => {
  const fx = await generateFixture(11, 8);
  await assertSameAsSequential([fx.log], [1, 2, 3, 5]);
});

test('a range boundary exactly at a line start gives that line to one worker only', async () => {
  const dir = tempDir('runlens-parallel-');
  const lines: string[] = [];
  for (let i = 0; i < 20; i++) {
    const line = JSON.stringify({ event: 'tool_executed', tool_name: 'probe', duration_ms: i, workflow_id: 'wf-fixed', timestamp: `2026-11-25T10:00:${String(i).padStart(2, '0')}Z`, pad: '' });
    lines.push(line.replace('"pad":""', `"pad":"${'x'.repeat(199 - line.length)}"`));
  }
  assert.ok(lines.every((l) => l.length === 199));
  const file = join(dir, 'fixed.jsonl');
  // 20 lines of 200 bytes: 2, 4, 5, 10 and 20 workers all split exactly at line starts.
  writeFileSync(file, `${lines.join('\n')}\n`);
  await assertSameAsSequential([file], [2, 4, 5, 10, 20]);
});

test('parallel read equals the sequential read on hostile input, wherever the ranges split it', async () => {
  const random = seededRandom(20261125);
  const dir = tempDir('runlens-parallel-');
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  let t = Date.parse('2026-11-25T10:00:00Z');
  const iso = (): string => new Date((t += Math.floor(random() * 5000))).toISOString();
  const wf = (): string => `wf-${Math.floor(random() * 4)}`;
  const makers: Array<() => string | Buffer> = [
    () => JSON.stringify({ event: 'tool_executed', tool_name: `tool_${Math.floor(random() * 3)}`, agent_name: 'worker', duration_ms: random() * 900, success: random() > 0.2, cost_estimate: random() > 0.5 ? 0.002 : undefined, workflow_id: wf(), timestamp: iso() }),
    () => JSON.stringify({ event: 'agent_execution_completed', agent_name: `agent_${Math.floor(random() * 3)}`, duration_ms: 1200.5, workflow_id: wf(), level: random() > 0.5 ? 'info' : 'WARNING', timestamp: iso() }),
    // No timestamp: takes the previous line's, across range boundaries too.
    () => JSON.stringify({ event: 'agent_execution_failed', agent_name: 'agent_x', error_message: 'boom', workflow_id: wf() }),
    () => JSON.stringify({ event: 'workflow_completed', workflow_id: wf(), timestamp: iso(), status: random() > 0.5 ? 'success' : 'failed' }),
    () => JSON.stringify({ event: 'workflow_started', workflow_id: wf(), timestamp: iso() }),
    () => JSON.stringify({ event: 'llm_call', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 120, 'gen_ai.usage.output_tokens': 30, workflow_id: wf(), timestamp: iso() }),
    () => JSON.stringify({ event: 'routing_decision', decision_point: 'triage', selected_node: 'writer', span_id: `s${Math.floor(random() * 9)}`, parent_span_id: 's0', workflow_id: wf(), timestamp: iso() }),
    () => `{"name":"custom_metric","value":1e400,"timestamp":"${iso()}","tags":{"k":"v"}}`,
    () => JSON.stringify({ name: 'custom_metric', value: random() * 10, timestamp: iso(), tags: { k: 'v', n: 3 } }),
    () => JSON.stringify({ rule_name: 'r', severity: 'warning', condition: 'x', message: 'm', timestamp: iso() }),
    () => `{"event":"tool_executed","__proto__":{"x":1},"tool_name":"t\\u00e9","duration_ms":"12.5","timestamp":"${iso()}"}`,
    () => '{"event": "truncated", "timestamp": "2026-11-25T1',
    () => '[1,2,3]',
    () => 'null',
    () => '   \t',
    () => '',
    () => `{"event":"crlf","timestamp":"${iso()}"}\r`,
    () => Buffer.concat([Buffer.from('{"event":"bad utf8 \u00e9 '), Buffer.from([0xff, 0xfe]), Buffer.from(`","timestamp":"${iso()}"}`)]),
    () => JSON.stringify({ event: 'oversized', padding: 'x'.repeat(700), timestamp: iso() }),
  ];
  for (let i = 0; i < 600; i++) {
    const line = (makers[Math.floor(random() * makers.length)] as () => string | Buffer)();
    parts.push(typeof line === 'string' ? Buffer.from(line) : line, Buffer.from('\n'));
  }
  parts.push(Buffer.from(JSON.stringify({ event: 'last line without a newline', timestamp: iso() })));
  const file = join(dir, 'hostile.jsonl');
  writeFileSync(file, Buffer.concat(parts));
  // 13 and 40 workers make ranges shorter than some lines (ranges with no line start at all).
  await assertSameAsSequential([file], [2, 3, 4, 7, 13, 40], 512);
  // Two files: line numbers restart per source, sources keep their order.
  const second = join(dir, 'second.jsonl');
  writeFileSync(second, `${JSON.stringify({ event: 'tool_executed', tool_name: 'tool_0', duration_ms: 1, workflow_id: 'wf-0' })}\n`);
  await assertSameAsSequential([file, second], [3], 512);
});
