/**
 * Golden comparison of src/logger against real structlog 22.3 (Debian's python3-structlog):
 * the same scenario is replayed through the fixed seed logger (test/fixtures/python) and
 * through the TypeScript port with the same fixed clocks, and the outputs are compared line
 * by line: parsed values deep-equal, and raw bytes equal wherever Python's output is
 * deterministic. Two known, expected differences:
 * - with two or more contextvars bound, structlog orders them by hash (PYTHONHASHSEED);
 *   those lines must be byte-identical once that order is disregarded;
 * - `exception` tracebacks name different frames; their shape and final lines must agree.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MemorySink } from '../../src/logger/index';
import { replayScenario, type Scenario } from './loggerGoldenReplay';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'python');
const SCENARIO = join(FIXTURES, 'logger_golden_scenario.json');
const PYTHON = process.env.RUNLENS_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const INSTALL_HINT =
  `real structlog is needed for the logger golden test, but "${PYTHON} -c 'import structlog'" failed.\n` +
  'Install it: sudo apt-get install -y python3-structlog   (Debian/Ubuntu; CI does this)\n' +
  '        or: python3 -m pip install "structlog==22.3.0"   and set RUNLENS_PYTHON to that python.';

interface Outputs {
  log: string[];
  metrics: string[];
}

let tmp = '';
let python: Outputs & { structlogVersion: string };
let typescript: Outputs;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'runlens-logger-golden-'));
  const probe = spawnSync(PYTHON, ['-c', 'import importlib.metadata as m, structlog; print(m.version("structlog"))'], { encoding: 'utf8' });
  if (probe.status !== 0) assert.fail(`${INSTALL_HINT}\n${probe.stderr ?? probe.error?.message ?? ''}`);
  const logPath = join(tmp, 'python-log.jsonl');
  const metricsPath = join(tmp, 'python-metrics.jsonl');
  const run = spawnSync(PYTHON, [join(FIXTURES, 'logger_golden.py'), SCENARIO, logPath, metricsPath], { encoding: 'utf8' });
  assert.equal(run.status, 0, `logger_golden.py failed:\n${run.stderr}`);
  python = { log: lines(readFileSync(logPath, 'utf8')), metrics: lines(readFileSync(metricsPath, 'utf8')), structlogVersion: probe.stdout.trim() };

  const logSink = new MemorySink();
  const metricsSink = new MemorySink();
  replayScenario(JSON.parse(readFileSync(SCENARIO, 'utf8')) as Scenario, logSink, metricsSink);
  typescript = { log: logSink.lines, metrics: metricsSink.lines };
});

after(() => rmSync(tmp, { recursive: true, force: true }));

test('log lines: same keys and values as structlog, line by line', (t) => {
  t.diagnostic(`structlog ${python.structlogVersion}`);
  assert.equal(typescript.log.length, python.log.length);
  python.log.forEach((pyLine, i) => {
    const tsLine = typescript.log[i] ?? '';
    const py = JSON.parse(pyLine) as Record<string, unknown>;
    const ts = JSON.parse(tsLine) as Record<string, unknown>;
    assert.deepEqual(Object.keys(ts).sort(), Object.keys(py).sort(), `line ${i + 1} keys`);
    if ('exception' in py) assertSameTracebackShape(String(ts.exception), String(py.exception), i);
    assert.deepEqual({ ...ts, exception: undefined }, { ...py, exception: undefined }, `line ${i + 1} values`);
  });
});

test('log lines: byte-identical to structlog except context-key order and traceback frames', (t) => {
  let identical = 0;
  let contextOrderOnly = 0;
  let tracebackOnly = 0;
  python.log.forEach((pyLine, i) => {
    const tsLine = typescript.log[i] ?? '';
    const py = topLevelEntries(pyLine);
    const ts = topLevelEntries(tsLine);
    const contextKeys = keysBetween(py.map(([k]) => k), 'event', 'level');
    // Every value's bytes agree (the traceback aside)...
    const pyRaw = new Map(py);
    for (const [key, raw] of ts) if (key !== 'exception') assert.equal(raw, pyRaw.get(key), `line ${i + 1} "${key}" bytes`);
    // ...and keys sit in the same places, context keys possibly permuted among themselves.
    ts.forEach(([key], j) => {
      const pyKey = py[j]?.[0] ?? '';
      assert.ok(key === pyKey || (contextKeys.has(key) && contextKeys.has(pyKey)), `line ${i + 1} key #${j}: ${key} vs ${pyKey}`);
    });
    if (tsLine === pyLine) identical++;
    else if (pyRaw.has('exception')) tracebackOnly++;
    else {
      assert.ok(contextKeys.size >= 2, `line ${i + 1} differs although its key order is deterministic:\n${tsLine}\n${pyLine}`);
      contextOrderOnly++;
    }
  });
  t.diagnostic(
    `${identical}/${python.log.length} log lines byte-identical; ${contextOrderOnly} differ only in the hash order ` +
      `of contextvars; ${tracebackOnly} only in traceback frames`,
  );
  assert.ok(identical > 0);
});

test('MetricPoint lines: byte-identical to MetricPoint.to_dict through json.dumps', () => {
  assert.deepEqual(typescript.metrics, python.metrics);
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

function keysBetween(keys: string[], first: string, last: string): Set<string> {
  return new Set(keys.slice(keys.indexOf(first) + 1, keys.indexOf(last)));
}

function assertSameTracebackShape(ts: string, py: string, i: number): void {
  const separator = '\n\nThe above exception was the direct cause of the following exception:\n\n';
  const tsBlocks = ts.split(separator);
  const pyBlocks = py.split(separator);
  assert.equal(tsBlocks.length, pyBlocks.length, `line ${i + 1}: cause chain length`);
  tsBlocks.forEach((block, b) => {
    assert.ok(block.startsWith('Traceback (most recent call last):\n  File "'), `line ${i + 1}: traceback header`);
    assert.equal(block.split('\n').at(-1), pyBlocks[b]?.split('\n').at(-1), `line ${i + 1}: exception line`);
  });
}

/** `[key, raw value text]` of a JSON object line's top level, to compare values byte for byte. */
function topLevelEntries(line: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  let i = 1;
  while (i < line.length && line[i] !== '}') {
    const keyEnd = endOfValue(line, i);
    const key = JSON.parse(line.slice(i, keyEnd)) as string;
    const valueStart = keyEnd + 2; // ": "
    const valueEnd = endOfValue(line, valueStart);
    entries.push([key, line.slice(valueStart, valueEnd)]);
    i = line.startsWith(', ', valueEnd) ? valueEnd + 2 : valueEnd;
  }
  return entries;
}

function endOfValue(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && ch === ',') return i;
  }
  return text.length;
}
