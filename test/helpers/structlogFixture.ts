/**
 * Generates the real-structlog fixture (test/fixtures/python/structlog_run.py, run by Debian's
 * /usr/bin/python3 with python3-structlog) and runs the built CLI over it. The fixture's
 * expected.json is the oracle: the fixed seed MetricsCollector and the simulated call tree.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI, tempDir } from './cli';

export const PYTHON = '/usr/bin/python3';
export const FIXTURE_SCRIPT = resolve(__dirname, '../fixtures/python/structlog_run.py');

export interface ExpectedSummary {
  count: number;
  message?: string;
  sum?: number;
  mean?: number;
  median?: number;
  min?: number;
  max?: number;
  stddev?: number;
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  oldest_timestamp?: string;
  latest_timestamp?: string;
  /** Set when some values must be derived from two µs timestamps (1 µs each). */
  abs_tolerance?: number;
}

export interface ExpectedSeries {
  name: string;
  /** null: the summary over every series of the name. */
  tags: Record<string, string> | null;
  summary: ExpectedSummary;
}

export interface ExpectedRange extends ExpectedSeries {
  from: string | null;
  to: string | null;
}

export interface ExpectedWorkflow {
  status: 'completed' | 'failed' | 'incomplete';
  started: string;
  ended: string | null;
  duration_ms: number | null;
  agents: number;
  tools: number;
  errors: number;
  tools_usd: number;
  cost_usd: number;
  started_line: number;
  ended_line: number | null;
}

export interface ExpectedNode {
  workflow_id: string;
  kind: 'agent' | 'tool' | 'routing' | 'event';
  status: 'ok' | 'error';
  start: string;
  end: string;
}

export interface ExpectedModel {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
}

export interface Expected {
  seed: number;
  lines: number;
  /** Line number (1-based, as a string key) → its parent span's line, null under the workflow root. */
  parents: Record<string, number | null>;
  nodes: Record<string, ExpectedNode>;
  summaries: ExpectedSeries[];
  range_summaries: ExpectedRange[];
  workflows: Record<string, ExpectedWorkflow>;
  cost: {
    total_usd: number;
    tools_usd: number;
    llm_usd: number;
    by_tool: Record<string, number>;
    by_agent: Record<string, number>;
    by_model: Record<string, ExpectedModel>;
    unknown_models: string[];
  };
}

export interface Fixture {
  dir: string;
  log: string;
  prices: string;
  expected: Expected;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}

function run(file: string, args: readonly string[], cwd?: string): Promise<RunResult> {
  return new Promise((done) => {
    execFile(file, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const errno = err as (NodeJS.ErrnoException & { code?: unknown }) | null;
      done({
        code: err ? (typeof errno?.code === 'number' ? errno.code : null) : 0,
        stdout,
        stderr,
        missing: errno?.code === 'ENOENT',
      });
    });
  });
}

/** Runs the Python fixture; fails (never skips) when python3 or python3-structlog is missing. */
export async function generateFixture(seed: number, workflows: number): Promise<Fixture> {
  const dir = tempDir('runlens-structlog-');
  const r = await run(PYTHON, [FIXTURE_SCRIPT, '--out', dir, '--seed', String(seed), '--workflows', String(workflows)]);
  if (r.missing) throw new Error(`${PYTHON} not found: the structlog fixture needs Debian's python3 (apt-get install python3 python3-structlog)`);
  if (r.code !== 0) {
    const hint = /structlog/i.test(r.stderr) && /install|No module/i.test(r.stderr) ? ' (apt-get install python3-structlog)' : '';
    throw new Error(`structlog fixture (seed ${seed}) exited ${r.code}${hint}:\n${r.stderr}`);
  }
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  return { dir, log: join(dir, 'agents.log'), prices: join(dir, 'prices.json'), expected };
}

/** Runs `node dist/cli.js ARGS` as its own process and parses its JSON output. */
export async function cliJson<T>(args: readonly string[]): Promise<T> {
  const r = await run(process.execPath, [CLI, ...args]);
  if (r.code !== 0) throw new Error(`runlens ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

// One node process that loads dist/cli.js once and runs its main() for each argv in turn,
// capturing what each writes. Dozens of queries per fixture would otherwise cost a node
// start-up each, which two busy shared cores make slow.
const BATCH = `
const cli = require(process.argv[1]);
let input = '';
process.stdin.on('data', (d) => { input += d; }).on('end', async () => {
  const results = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  for (const argv of JSON.parse(input)) {
    const r = { code: -1, stdout: '', stderr: '' };
    process.stdout.write = (c) => { r.stdout += c; return true; };
    process.stderr.write = (c) => { r.stderr += c; return true; };
    try { r.code = await cli.main(argv); } catch (e) { r.stderr += String((e && e.stack) || e); }
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    results.push(r);
  }
  out(JSON.stringify(results));
});`;

/** Runs each argv through dist/cli.js's main() (see BATCH) and parses each JSON output. */
export async function cliJsonBatch<T>(argvs: ReadonlyArray<readonly string[]>): Promise<T[]> {
  const results = await new Promise<Array<{ code: number; stdout: string; stderr: string }>>((done, fail) => {
    const child = execFile(process.execPath, ['-e', BATCH, CLI], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`runlens batch failed: ${err.message}\n${stderr}`));
      else done(JSON.parse(stdout) as Array<{ code: number; stdout: string; stderr: string }>);
    });
    child.stdin?.end(JSON.stringify(argvs));
  });
  return results.map((r, i) => {
    if (r.code !== 0) throw new Error(`runlens ${(argvs[i] ?? []).join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  });
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]00:00)$/;

/** A UTC ISO-8601 instant as whole microseconds since the epoch (exact; NaN if malformed). */
export function isoMicros(text: unknown): number {
  const m = typeof text === 'string' ? ISO.exec(text) : null;
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac] = m as unknown as string[];
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return ms * 1000 + Number((frac ?? '').padEnd(6, '0'));
}

/** Byte offset of the start of every line (index 0 is line 1). */
export function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a && i + 1 < bytes.length) starts.push(i + 1);
  return starts;
}

/** |a − e| within a relative tolerance (of the larger magnitude) or an absolute one. */
export function close(actual: unknown, expected: number, rel: number, abs = 0): boolean {
  if (typeof actual !== 'number' || !Number.isFinite(actual)) return false;
  const diff = Math.abs(actual - expected);
  return diff <= abs || diff <= rel * Math.max(Math.abs(actual), Math.abs(expected));
}

const STATS = ['sum', 'mean', 'median', 'min', 'max', 'stddev', 'p50', 'p90', 'p95', 'p99'] as const;

/** Differences between an engine summary and the oracle's, as readable lines (empty: equal). */
export function summaryDiffs(label: string, actual: Record<string, unknown> | undefined, expected: ExpectedSummary): string[] {
  if (!actual) return [`${label}: missing`];
  if (expected.count === 0) {
    return actual.count === 0 && actual.message === 'No metrics found' ? [] : [`${label}: expected no match, got ${JSON.stringify(actual)}`];
  }
  const diffs: string[] = [];
  if (actual.count !== expected.count) diffs.push(`${label}: count ${String(actual.count)} != ${expected.count}`);
  for (const key of STATS) {
    const want = expected[key] as number;
    if (!close(actual[key], want, 1e-9, expected.abs_tolerance ?? 0)) diffs.push(`${label}: ${key} ${String(actual[key])} != ${want}`);
  }
  for (const key of ['oldest_timestamp', 'latest_timestamp'] as const) {
    if (isoMicros(actual[key]) !== isoMicros(expected[key])) diffs.push(`${label}: ${key} ${String(actual[key])} != ${expected[key]}`);
  }
  return diffs;
}

export function tagArgs(tags: Record<string, string> | null): string[] {
  return Object.entries(tags ?? {}).flatMap(([k, v]) => ['--tag', `${k}=${v}`]);
}

export function seriesKey(name: string, tags: Record<string, string>): string {
  return `${name} ${JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
}

/** Fails with every difference listed (capped), so one run shows the whole picture. */
export function assertNoDiffs(what: string, diffs: readonly string[]): void {
  if (diffs.length === 0) return;
  const shown = diffs.slice(0, 40).join('\n  ');
  const more = diffs.length > 40 ? `\n  … and ${diffs.length - 40} more` : '';
  throw new Error(`${what}: ${diffs.length} difference(s) from the Python oracle\n  ${shown}${more}`);
}
