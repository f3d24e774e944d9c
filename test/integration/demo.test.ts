/**
 * The `npm run demo` simulator, run fast into a temporary folder and read back with the core
 * engine: nested workflows, every event kind the seed logs, the shipped default rules firing
 * within two simulated minutes of the incidents starting, and a rotation that a live tailer
 * follows without losing or repeating a line.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadAndReplay } from '../../src/cli/alertReplay';
import type { AlertChange } from '../../src/core/alerts/alertDict';
import { shippedDefaultRules } from '../../src/core/alerts/defaults';
import { buildTrace, type TraceNode } from '../../src/core/traces/build';
import { DemoRun, LOG_FILE_NAME, type DemoNotice, type DemoOptions } from '../../src/demo/runner';
import { MemorySink } from '../../src/logger';
import { LiveSession } from '../../src/node/live/liveSession';
import { tempDir } from '../helpers/cli';
import { waitUntil } from '../helpers/waitUntil';

const START_MS = Date.parse('2026-11-24T09:00:00Z');
const folders: string[] = [];
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function demoDir(): string {
  const dir = tempDir('runlens-demo-');
  folders.push(dir);
  return dir;
}
const MINUTE = 60_000;
const TRIPPED_BY_INCIDENTS = ['agent failure rate', 'exceptions', 'tool latency p95', 'tool cost per hour', 'LLM cost per hour'];

interface Finished {
  dir: string;
  lines: string[];
  notices: DemoNotice[];
  /** Lines written before each rotation. */
  rotatedAt: number[];
}

async function runDemo(options: Omit<DemoOptions, 'logsDir'>, dir = demoDir()): Promise<Finished> {
  const memory = new MemorySink();
  const notices: DemoNotice[] = [];
  const rotatedAt: number[] = [];
  const run = new DemoRun({
    logsDir: dir,
    startMs: START_MS,
    extraSinks: [memory],
    ...options,
    onNotice: (n) => {
      notices.push(n);
      if (n.kind === 'rotated') rotatedAt.push(memory.lines.length);
    },
  });
  await run.run();
  return { dir, lines: memory.lines, notices, rotatedAt };
}

function fileLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

/** Depth-first paths of node kinds/names from the root, e.g. "agent:supervisor > agent:research_lead". */
function deepestAgentChain(node: TraceNode, chain: string[] = []): string[] {
  let best = chain;
  for (const child of node.children) {
    if (child.kind !== 'agent' && child.kind !== 'tool') continue;
    const found = deepestAgentChain(child, [...chain, `${child.kind}:${child.name}`]);
    if (found.length > best.length) best = found;
  }
  return best;
}

function firstFiring(changes: readonly AlertChange[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const c of changes) {
    if (c.type === 'alert' && !first.has(c.alert.rule_name)) first.set(c.alert.rule_name, Date.parse(c.alert.timestamp));
  }
  return first;
}

test('demo: nested workflows, every seed event kind, default alerts, rotation followed without loss', async () => {
  const logs = join(demoDir(), 'logs');
  // A live tailer on the folder from before the first line, as the extension and `runlens watch` follow it.
  const session = new LiveSession({ sources: [logs], rules: [], fromStart: true, pollIntervalMs: 50, tickMs: 60_000 });
  await session.start();
  // 5 simulated minutes at 150x (about 2 s): one rotation between 2.5 and 3.3 minutes.
  const run = await runDemo({ seed: 7, timeScale: 150, durationMs: 5 * MINUTE, rotateEveryMs: [150_000, 200_000] }, logs);
  const current = join(logs, LOG_FILE_NAME);
  const backup = `${current}.1`;

  // Rotation: the backup holds exactly the lines before it, the new file exactly the rest.
  assert.equal(run.rotatedAt.length, 1, 'one rotation');
  const before = run.rotatedAt[0] as number;
  assert.ok(before > 100 && before < run.lines.length - 100, `rotation in the middle (${before} of ${run.lines.length})`);
  assert.deepEqual(fileLines(backup), run.lines.slice(0, before));
  assert.deepEqual(fileLines(current), run.lines.slice(before));

  // The tailer read every line once across the rename.
  try {
    const ingested = (): number => session.engine.sources.reduce((n, s) => n + s.lines, 0);
    await waitUntil(() => ingested() >= run.lines.length, 'the tailer to read every line', { timeoutMs: 15_000, recheckMs: 50, describe: () => `${ingested()} of ${run.lines.length}` });
    await session.settle();
    assert.equal(ingested(), run.lines.length, 'no line read twice');
    assert.equal(session.engine.sources.reduce((n, s) => n + s.malformed, 0), 0);
  } finally {
    await session.close();
  }

  // Read back with the core engine and replay the shipped default rules in event time.
  const { engine, changes } = await loadAndReplay([backup, current], {}, shippedDefaultRules());
  const names = new Set<string>();
  for (let i = 0; i < engine.events.length; i++) names.add(engine.events.name(i));
  for (const name of ['workflow_started', 'workflow_completed', 'workflow_failed', 'agent_execution_completed', 'agent_execution_failed', 'tool_executed', 'routing_decision', 'llm_call_completed', 'tool_call_raised']) {
    assert.ok(names.has(name), `event ${name} present`);
  }
  const usage = Object.values(engine.cost.report().by_model);
  assert.ok(usage.length >= 4 && usage.every((m) => m.input_tokens > 0 && m.cost_usd !== null), 'LLM usage priced for every model');
  const exceptions = run.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((o) => o.exception !== undefined);
  assert.ok(exceptions.length > 0, 'exception lines');
  for (const e of exceptions) {
    assert.equal(e.level, 'error');
    assert.match(String(e.exception), /^Traceback \(most recent call last\):\n/);
  }

  // Nesting: workflow > supervisor > lead > worker > tool, recovered from timestamps alone.
  const chains = engine.workflows().map((wf) => deepestAgentChain(buildTrace(engine, wf).root));
  const nested = chains.find((c) => c.length >= 4);
  assert.ok(nested, `a four-level trace (deepest: ${JSON.stringify(chains[0])})`);
  assert.equal(nested[0], 'agent:supervisor');
  assert.match(nested[1] ?? '', /^agent:(research|content|analytics)_lead$/);
  assert.match(nested[2] ?? '', /^agent:[a-z_]+$/);
  assert.match(nested[3] ?? '', /^tool:[a-z_]+$/);

  // Every incident's rule fires within two minutes of the start; "no agent activity" never does.
  const first = firstFiring(changes);
  for (const rule of TRIPPED_BY_INCIDENTS) {
    const at = first.get(rule);
    assert.ok(at !== undefined, `"${rule}" fired (fired: ${[...first.keys()].join(', ')})`);
    assert.ok(at - START_MS <= 2 * MINUTE, `"${rule}" fired ${(at - START_MS) / 1000} s after the start`);
  }
  assert.ok(!first.has('no agent activity'));
});

test('demo: calm until armed, then the incidents trip the default rules within two minutes', async () => {
  const armAfterMs = MINUTE;
  const run = await runDemo({ seed: 11, timeScale: Infinity, durationMs: 4 * MINUTE, armAfterMs, rotateEveryMs: undefined });
  const { changes } = await loadAndReplay([join(run.dir, LOG_FILE_NAME)], {}, shippedDefaultRules());
  const first = firstFiring(changes);
  for (const [rule, at] of first) assert.ok(at - START_MS >= armAfterMs, `"${rule}" fired before arming`);
  for (const rule of TRIPPED_BY_INCIDENTS) {
    const at = first.get(rule);
    assert.ok(at !== undefined && at - START_MS - armAfterMs <= 2 * MINUTE, `"${rule}" fired within 2 minutes of arming (${at === undefined ? 'never' : `${(at - START_MS - armAfterMs) / 1000} s`})`);
  }
  assert.ok(run.notices.some((n) => n.kind === 'armed' && n.atMs === armAfterMs));
});

test('demo: an hour of normal traffic stays under every default threshold', async () => {
  const run = await runDemo({ seed: 3, timeScale: Infinity, durationMs: 60 * MINUTE, incidents: 'never', rotateEveryMs: undefined });
  const { engine, changes } = await loadAndReplay([join(run.dir, LOG_FILE_NAME)], {}, shippedDefaultRules());
  assert.deepEqual(changes.map((c) => c.alert.rule_name), []);
  const cost = engine.cost.report();
  // Well below the thresholds (1 USD/h of tools, 5 USD/h of LLM), so only the incidents trip them.
  assert.ok(cost.tools_usd < 0.7, `tools ${cost.tools_usd} USD/h`);
  assert.ok(cost.llm_usd < 3, `LLM ${cost.llm_usd} USD/h`);
  assert.ok(engine.workflows().length > 300, 'a campaign request every few seconds');
});

test('demo: the same seed writes the same bytes; another seed does not', async () => {
  const options = { timeScale: Infinity, durationMs: 3 * MINUTE, rotateEveryMs: undefined };
  const [a, b, c] = await Promise.all([runDemo({ ...options, seed: 5 }), runDemo({ ...options, seed: 5 }), runDemo({ ...options, seed: 6 })]);
  assert.ok(a.lines.length > 200);
  assert.equal(readFileSync(join(a.dir, LOG_FILE_NAME), 'utf8'), readFileSync(join(b.dir, LOG_FILE_NAME), 'utf8'));
  assert.notDeepEqual(a.lines, c.lines);
});
