import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { runCli, runCliJson, tempDir } from '../helpers/cli';
import { at, line } from '../helpers/ingest';
import type { Report } from '../../src/core/model/report';
import type { Trace, TraceNode } from '../../src/core/traces/build';

const RUN = [
  line({ event: 'workflow_started', workflow_id: 'wf-42', status: 'started', timestamp: at(0) }),
  line({ event: 'tool_executed', workflow_id: 'wf-42', agent_name: 'web_researcher', tool_name: 'web_search', duration_ms: 400, success: true, cost_estimate: 0.002, timestamp: at(2) }),
  line({ event: 'agent_execution_completed', workflow_id: 'wf-42', agent_name: 'web_researcher', duration_ms: 1500, success: true, timestamp: at(2.5) }),
  line({ event: 'agent_execution_failed', workflow_id: 'wf-42', agent_name: 'research_lead', duration_ms: 2800, success: false, error_message: 'quota', timestamp: at(3) }),
  line({ event: 'workflow_failed', workflow_id: 'wf-42', status: 'failed', timestamp: at(3.5) }),
  line({ event: 'workflow_started', workflow_id: 'wf-43', status: 'started', timestamp: at(10) }),
  line({ event: 'agent_execution_completed', workflow_id: 'wf-43', agent_name: 'research_lead', duration_ms: 100, success: true, timestamp: at(11) }),
].join('\n');

function fixture(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'agents.jsonl'), `${RUN}\n`);
  return dir;
}

test('report --json has the contract shape', () => {
  const dir = fixture();
  const report = runCliJson<Report>(['report', 'logs', '--json'], dir);
  assert.deepEqual(Object.keys(report), ['version', 'sources', 'workflows', 'metrics', 'cost', 'alerts']);
  assert.deepEqual(report.sources, [{ path: join(dir, 'logs', 'agents.jsonl'), lines: 7, events: 7, malformed: 0, format: 'structlog' }]);
  assert.deepEqual(report.workflows[0], {
    workflow_id: 'wf-42', status: 'failed', started: at(0), ended: at(3.5), duration_ms: 3500,
    agents: 2, tools: 1, errors: 1, cost_usd: 0.002,
  });
  assert.equal(report.workflows[1]?.status, 'incomplete');
  assert.equal(report.workflows[1]?.ended, null);
  const durations = report.metrics.agent_execution_duration_ms ?? [];
  assert.deepEqual(durations.map((d) => [d.tags, d.count, d.mean]), [
    [{ agent_name: 'research_lead' }, 2, 1450],
    [{ agent_name: 'web_researcher' }, 1, 1500],
  ]);
  for (const key of ['count', 'sum', 'mean', 'median', 'min', 'max', 'stddev', 'p50', 'p90', 'p95', 'p99', 'oldest_timestamp', 'latest_timestamp']) {
    assert.ok(key in (durations[0] ?? {}), key);
  }
  assert.equal(report.cost.tools_usd, 0.002);
  assert.deepEqual(report.cost.by_tool, { web_search: 0.002 });
});

test('metrics prints the summary object; no match is exit 0 with the seed message', () => {
  const dir = fixture();
  const summary = runCliJson<Record<string, unknown>>(
    ['metrics', 'logs/agents.jsonl', '--name', 'agent_execution_duration_ms', '--tag', 'agent_name=research_lead', '--from', at(3), '--to', at(3)],
    dir,
  );
  assert.equal(summary.count, 1);
  assert.equal(summary.max, 2800);
  assert.equal(summary.latest_timestamp, at(3));
  const none = runCli(['metrics', 'logs', '--name', 'nothing_here'], dir);
  assert.equal(none.code, 0);
  assert.deepEqual(JSON.parse(none.stdout), { count: 0, message: 'No metrics found' });
});

test('trace --json nests spans and --list lists workflows', () => {
  const dir = fixture();
  const trace = runCliJson<Trace>(['trace', 'logs', '--workflow', 'wf-42', '--json'], dir);
  assert.equal(trace.workflow_id, 'wf-42');
  const lead = trace.root.children[0] as TraceNode;
  assert.equal(lead.name, 'research_lead');
  assert.equal(lead.status, 'error');
  assert.equal(lead.attrs.error_message, 'quota');
  assert.equal(lead.children[0]?.name, 'web_researcher');
  assert.equal(lead.children[0]?.children[0]?.name, 'web_search');
  assert.deepEqual(lead.source, { path: join(dir, 'logs', 'agents.jsonl'), line: 4, byteOffset: RUN.split('\n').slice(0, 3).join('\n').length + 1 });
  const list = runCliJson<{ workflows: Array<{ workflow_id: string }> }>(['trace', 'logs', '--list', '--json'], dir);
  assert.deepEqual(list.workflows.map((w) => w.workflow_id), ['wf-42', 'wf-43']);
  const text = runCli(['trace', 'logs', '--workflow', 'wf-42'], dir);
  assert.match(text.stdout, /└─ \[agent\] research_lead/);
});

test('missing paths, bad flags and unknown workflows exit 2 with one line naming the problem', () => {
  const dir = fixture();
  const cases: Array<[string[], RegExp]> = [
    [['report', 'missing.jsonl'], /missing\.jsonl/],
    [['report', 'logs', '--bogus'], /--bogus/],
    [['metrics', 'logs'], /--name/],
    [['metrics', 'logs', '--name', 'x', '--tag', 'novalue'], /key=value/],
    [['metrics', 'logs', '--name', 'x', '--from', 'last tuesday'], /--from/],
    [['trace', 'logs'], /--workflow/],
    [['trace', 'logs', '--workflow', 'nope'], /nope/],
    [['report', 'nothing/*.jsonl'], /no files match/],
    [['frobnicate'], /frobnicate/],
  ];
  for (const [args, pattern] of cases) {
    const r = runCli(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('--help works on every command', () => {
  for (const args of [['--help'], ['report', '--help'], ['metrics', '--help'], ['trace', '--help']]) {
    const r = runCli(args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: runlens/);
  }
});

test('globs, folders and .gz sources; bad lines never stop a run', () => {
  const dir = fixture();
  writeFileSync(join(dir, 'logs', 'old.jsonl.gz'), gzipSync(`${RUN.split('\n')[1]}\n`));
  writeFileSync(join(dir, 'logs', 'broken.log'), 'garbage\n{"event":"x","timestamp":"2026-11-24T10:00:00Z"}\n');
  writeFileSync(join(dir, 'logs', 'corrupt.jsonl.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
  const corrupt = runCli(['report', 'logs/*.jsonl*', 'logs/broken.log', '--json'], dir);
  assert.equal(corrupt.code, 2, 'an unreadable source makes the exit code 2');
  assert.match(corrupt.stderr, /corrupt\.jsonl\.gz/);
  assert.equal(corrupt.stderr.trim().split('\n').length, 1);
  const report = JSON.parse(corrupt.stdout) as Report;
  const byName = Object.fromEntries(report.sources.map((s) => [s.path.split('/').pop(), s]));
  assert.equal(byName['agents.jsonl']?.events, 7);
  assert.equal(byName['old.jsonl.gz']?.events, 1);
  assert.equal(byName['broken.log']?.malformed, 1);
  assert.equal(byName['broken.log']?.events, 1);
  assert.match(byName['corrupt.jsonl.gz']?.error ?? '', /corrupt\.jsonl\.gz/);
});
