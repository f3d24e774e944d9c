/**
 * `runlens metrics` reads through the byte prefilter; its answers must be the full
 * engine's. Every series of a real structlog fixture (plain and .gz) is asked through
 * the built CLI and compared with the in-process full read; stderr and the exit code for
 * an unreadable source must not change either.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadEngine } from '../../src/cli/load';
import { runCli, tempDir } from '../helpers/cli';
import { cliJsonBatch, generateFixture } from '../helpers/structlogFixture';

test('metrics through the prefilter equals the full read for every series of a structlog run (plain and .gz)', async () => {
  const fx = await generateFixture(7, 6);
  const gz = join(fx.dir, 'agents.log.gz');
  writeFileSync(gz, gzipSync(readFileSync(fx.log)));
  const { engine } = await loadEngine([fx.log], { prices: fx.prices });
  const questions: Array<{ name: string; tags?: Record<string, string>; from?: string }> = [];
  let workflowSeries = 0;
  for (const s of engine.metrics.allSeries()) {
    if (s.name.startsWith('workflow_') && workflowSeries++ > 3) continue;
    questions.push({ name: s.name, tags: { ...s.tags } });
  }
  for (const name of engine.metrics.names()) questions.push({ name }, { name, from: '2026-01-01T00:00:00Z' });
  questions.push({ name: 'tool_execution_duration_ms', tags: { tool_name: 'no_such_tool' } });
  assert.ok(questions.length > 20, `${questions.length} questions`);
  const argv = (file: string, q: (typeof questions)[number]): string[] => [
    'metrics', file, '--name', q.name, '--prices', fx.prices,
    ...Object.entries(q.tags ?? {}).flatMap(([k, v]) => ['--tag', `${k}=${v}`]),
    ...(q.from ? ['--from', q.from] : []),
  ];
  const plain = await cliJsonBatch(questions.map((q) => argv(fx.log, q)));
  const zipped = await cliJsonBatch(questions.map((q) => argv(gz, q)));
  questions.forEach((q, i) => {
    const range = q.from ? { from: Date.parse(q.from) } : {};
    const expected = JSON.parse(JSON.stringify(engine.metrics.summary(q.name, range, q.tags))) as unknown;
    assert.deepEqual(plain[i], expected, JSON.stringify(q));
    assert.deepEqual(zipped[i], expected, `${JSON.stringify(q)} (.gz)`);
  });
});

test('an unreadable .gz source: same stderr and exit code through the prefilter as through the full read', () => {
  const dir = tempDir('runlens-prefilter-');
  const good = join(dir, 'a.jsonl');
  writeFileSync(good, `${JSON.stringify({ event: 'tool_executed', tool_name: 'web_search', duration_ms: 12, timestamp: '2026-11-24T10:00:00Z' })}\n`);
  const bad = join(dir, 'b.jsonl.gz');
  writeFileSync(bad, gzipSync(Buffer.from('{"event":"tool_executed","tool_name":"web_search","duration_ms":5,"timestamp":"2026-11-24T10:00:01Z"}\n')).subarray(0, 40));
  const fast = runCli(['metrics', good, bad, '--name', 'tool_execution_duration_ms', '--tag', 'tool_name=web_search']);
  // workflow_* questions always take the full read.
  const full = runCli(['metrics', good, bad, '--name', 'workflow_success']);
  assert.equal(fast.code, 2);
  assert.equal(full.code, 2);
  assert.match(fast.stderr, /^runlens: cannot read .*b\.jsonl\.gz: /);
  assert.equal(fast.stderr, full.stderr);
  assert.equal((JSON.parse(fast.stdout) as { count: number }).count, 1);
});

test('a kept line without a timestamp after skipped lines: the CLI falls back to the full read', async () => {
  const dir = tempDir('runlens-prefilter-');
  const file = join(dir, 'a.jsonl');
  const t = (s: number): string => `2026-11-24T10:00:0${s}Z`;
  writeFileSync(file, [
    { event: 'tool_executed', tool_name: 'web_search', duration_ms: 1, timestamp: t(1) },
    { event: 'tool_executed', tool_name: 'crm', duration_ms: 2, timestamp: t(5) },
    { event: 'tool_executed', tool_name: 'web_search', duration_ms: 3 },
  ].map((o) => JSON.stringify(o)).join('\n'));
  const { engine } = await loadEngine([file], {});
  const expected = JSON.parse(JSON.stringify(engine.metrics.summary('tool_execution_duration_ms', {}, { tool_name: 'web_search' }))) as { latest_timestamp: string };
  assert.equal(expected.latest_timestamp, '2026-11-24T10:00:05.000000Z');
  const r = runCli(['metrics', file, '--name', 'tool_execution_duration_ms', '--tag', 'tool_name=web_search']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), expected);
});
