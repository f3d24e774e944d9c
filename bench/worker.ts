/**
 * One measurement in a fresh process (so JIT state, heap growth and caches of one
 * measurement never bias another). Prints one JSON object on its last stdout line.
 *
 *   node worker.js baseline FILE        bare chunked JSON.parse loop (the fair baseline)
 *   node worker.js report FILE          in-process `runlens report --json` (Engine + readSources + buildReport)
 *   node worker.js readpath FILE        runlens' read path (readSources: splitter, decode, JSON.parse) into
 *                                       an engine whose ingestObject does nothing: the framing cost
 *   node worker.js prefilter FILE TOOL  the metrics question answered by parsing only lines whose bytes
 *                                       contain `"TOOL"` (what a byte-level prefilter could reach)
 *   node --expose-gc worker.js memory FILE [DIR]   retained bytes per event after gc (+ heap snapshots before/after)
 *   node worker.js trace SPANS RUNS [PROFILE]   buildTrace on one workflow of SPANS agent/tool spans
 *                                               (+ a CPU profile of just the buildTrace calls)
 */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { writeHeapSnapshot } from 'node:v8';
import { loadEngine } from '../src/cli/load';
import { VERSION } from '../src/cli/version';
import { Engine } from '../src/core/model/engine';
import type { ParsedObject } from '../src/core/formats/record';
import type { SourceStats } from '../src/core/model/sources';
import { readSources } from '../src/node/readSource';
import { buildReport } from '../src/core/model/report';
import { buildTrace, indexTrace, type TraceNode } from '../src/core/traces/build';
import { SHIPPED_PRICES } from '../src/node/prices';
import { generateBigWorkflow } from './lib/workload';

const CHUNK = 1024 * 1024;

/** CPU time (user + system, all threads) since `start`, in ms. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

/** The baseline of design §8: read 1 MiB chunks, split on `\n` bytes, decode each line, JSON.parse it. */
function baseline(path: string): Record<string, number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let carry: Buffer | undefined;
  let lines = 0;
  let objects = 0;
  let bytes = 0;
  const parse = (text: string): void => {
    lines++;
    if (text.length === 0) return;
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object') objects++;
  };
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      bytes += n;
      let pos = 0;
      while (pos < n) {
        const nl = buffer.indexOf(10, pos);
        if (nl === -1 || nl >= n) {
          const rest = Buffer.from(buffer.subarray(pos, n));
          carry = carry ? Buffer.concat([carry, rest]) : rest;
          break;
        }
        if (carry) {
          parse(Buffer.concat([carry, buffer.subarray(pos, nl)]).toString('utf8'));
          carry = undefined;
        } else {
          parse(buffer.toString('utf8', pos, nl));
        }
        pos = nl + 1;
      }
    }
    if (carry) parse(carry.toString('utf8'));
  } finally {
    closeSync(fd);
  }
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), lines, objects, bytes };
}

/**
 * `metrics --name tool_execution_duration_ms --tag tool_name=TOOL` with a byte prefilter:
 * a line whose bytes lack `"TOOL"` cannot carry that tag, so it is neither decoded nor parsed.
 */
function prefilter(path: string, tool: string): Record<string, number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const needle = Buffer.from(JSON.stringify(tool));
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let carry: Buffer | undefined;
  let parsed = 0;
  let count = 0;
  let sum = 0;
  const take = (text: string): void => {
    parsed++;
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v.event === 'tool_executed' && v.tool_name === tool && typeof v.duration_ms === 'number') {
      count++;
      sum += v.duration_ms;
    }
  };
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      const chunk = n === CHUNK ? buffer : buffer.subarray(0, n);
      let pos = 0;
      let hit = chunk.indexOf(needle, 0);
      while (pos < n) {
        const nl = chunk.indexOf(10, pos);
        if (nl === -1) {
          const rest = Buffer.from(chunk.subarray(pos, n));
          carry = carry ? Buffer.concat([carry, rest]) : rest;
          break;
        }
        if (carry) {
          const line = Buffer.concat([carry, chunk.subarray(pos, nl)]);
          carry = undefined;
          if (line.indexOf(needle) !== -1) take(line.toString('utf8'));
        } else {
          if (hit !== -1 && hit < pos) hit = chunk.indexOf(needle, pos);
          if (hit !== -1 && hit < nl) take(chunk.toString('utf8', pos, nl));
        }
        pos = nl + 1;
      }
    }
    if (carry && carry.indexOf(needle) !== -1) take(carry.toString('utf8'));
  } finally {
    closeSync(fd);
  }
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), parsed, count, mean: sum / count };
}

/** An engine that parses every line but records nothing: isolates the read path's cost. */
class ReadPathOnly extends Engine {
  objects = 0;
  override ingestObject(source: SourceStats, _obj: ParsedObject, _line: number, _byteOffset: number): void {
    source.lines++;
    this.objects++;
  }
}

async function readPath(path: string): Promise<Record<string, number>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const engine = new ReadPathOnly({ prices: [SHIPPED_PRICES] });
  await readSources(engine, [path]);
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), objects: engine.objects, lines: engine.sources[0]?.lines ?? 0 };
}

/** What `runlens report FILE --json` does, timed by phase. */
async function report(path: string): Promise<Record<string, number>> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const { engine } = await loadEngine([path], {});
  const t1 = performance.now();
  const alerts = engine.externalAlerts.map((a) => ({ ...a.alert, external: true }));
  const doc = buildReport(engine, VERSION, alerts);
  const t2 = performance.now();
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const t3 = performance.now();
  const source = engine.sources[0];
  return {
    ms: t3 - t0,
    cpuMs: cpuMs(cpu),
    ingestMs: t1 - t0,
    buildReportMs: t2 - t1,
    stringifyMs: t3 - t2,
    lines: source?.lines ?? 0,
    events: source?.events ?? 0,
    malformed: source?.malformed ?? 0,
    workflows: doc.workflows.length,
    jsonBytes: json.length,
  };
}

async function memory(path: string, snapshotDir?: string): Promise<Record<string, number>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory mode needs node --expose-gc');
  const settle = (): NodeJS.MemoryUsage => {
    for (let i = 0; i < 4; i++) gc();
    return process.memoryUsage();
  };
  // Touch the code paths once on a throwaway engine so compiled code and lazily loaded
  // modules are part of "before", not of the per-event delta.
  const warm = new Engine({ prices: [SHIPPED_PRICES] });
  warm.ingestText(warm.addSource('warm'), '{"event":"tool_executed","tool_name":"x","duration_ms":1,"timestamp":"2026-11-24T00:00:00Z"}', 1, 0);
  // What a long-lived engine keeps (the extension's worker reads sequentially): the CLI's
  // parallel read adds parse workers' transient heaps, gone when the short-lived CLI exits.
  process.env.RUNLENS_PARSE_WORKERS = '0';
  const before = settle();
  if (snapshotDir) writeHeapSnapshot(`${snapshotDir}/before.heapsnapshot`);
  const started = performance.now();
  const { engine } = await loadEngine([path], {});
  const ingestMs = performance.now() - started;
  const after = settle();
  const events = engine.sources.reduce((n, s) => n + s.events, 0);
  const workflows = engine.workflows().length;
  const result = {
    events,
    lines: engine.sources.reduce((n, s) => n + s.lines, 0),
    ingestMs,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapUsedBefore: before.heapUsed,
    heapUsedAfter: after.heapUsed,
    arrayBuffersBefore: before.arrayBuffers,
    arrayBuffersAfter: after.arrayBuffers,
    externalBefore: before.external,
    externalAfter: after.external,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    // The engine's own accounting of its typed-array columns (capacity, not just used rows).
    eventColumnsBytes: engine.events.byteLength,
    metricColumnsBytes: engine.metrics.byteLength,
    metricPoints: engine.metrics.pointCount,
    series: [...engine.metrics.allSeries()].length,
    workflows,
    internedStrings: engine.events.strings.size,
  };
  // Heap snapshots (optional, slow) name what the retained bytes are.
  if (snapshotDir) writeHeapSnapshot(`${snapshotDir}/after.heapsnapshot`);
  // Keep the engine reachable until after the "after" snapshot.
  if (engine.events.length < 0) console.log(engine);
  return result;
}

function countNodes(node: TraceNode): { nodes: number; spans: number; depth: number } {
  let nodes = 0;
  let spans = 0;
  let depth = 0;
  const stack: Array<[TraceNode, number]> = [[node, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop() as [TraceNode, number];
    nodes++;
    if (n.kind === 'agent' || n.kind === 'tool') spans++;
    if (d > depth) depth = d;
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return { nodes, spans, depth };
}

/** Profiles `fn` with the inspector (so only that part of the process is in the profile). */
async function profiled<T>(outPath: string | undefined, fn: () => T): Promise<T> {
  if (!outPath) return fn();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const result = fn();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(outPath, JSON.stringify(profile));
  session.disconnect();
  return result;
}

async function trace(spans: number, runs: number, profilePath?: string): Promise<Record<string, unknown>> {
  const wf = generateBigWorkflow(7, spans);
  const engine = new Engine({ prices: [SHIPPED_PRICES] });
  const source = engine.addSource('bench://big-workflow.jsonl');
  let offset = 0;
  const ingestStarted = performance.now();
  for (let i = 0; i < wf.lines.length; i++) {
    const line = wf.lines[i] as string;
    engine.ingestText(source, line, i + 1, offset);
    offset += Buffer.byteLength(line) + 1;
  }
  const ingestMs = performance.now() - ingestStarted;
  const workflow = engine.workflows()[0];
  if (!workflow || engine.workflows().length !== 1) throw new Error('expected exactly one workflow');
  // Bytes one built tree keeps alive (needs --expose-gc).
  let treeBytes = NaN;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = buildTrace(engine, workflow);
    gc();
    gc();
    treeBytes = process.memoryUsage().heapUsed - before;
    if (kept.root.children.length < 0) console.log(kept);
  }
  const samples: number[] = [];
  let shape = { nodes: 0, spans: 0, depth: 0 };
  await profiled(profilePath, () => {
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const built = buildTrace(engine, workflow);
      samples.push(performance.now() - t0);
      if (r === 0) shape = countNodes(built.root);
    }
  });
  // The typed-array structure alone (parents, children lists), without node objects.
  const indexSamples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const index = indexTrace(engine, workflow);
    indexSamples.push(performance.now() - t0);
    if (index.parent.length !== shape.nodes - 1) throw new Error(`index has ${index.parent.length} items, tree ${shape.nodes - 1}`);
  }
  return { samples, indexSamples, lines: wf.lines.length, generatedSpans: wf.spans, ingestMs, treeBytes, ...shape };
}

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  let result: unknown;
  switch (mode) {
    case 'baseline':
      result = baseline(a as string);
      break;
    case 'report':
      result = await report(a as string);
      break;
    case 'readpath':
      result = await readPath(a as string);
      break;
    case 'prefilter':
      result = prefilter(a as string, b ?? 'web_search');
      break;
    case 'memory':
      result = await memory(a as string, b);
      break;
    case 'trace':
      result = await trace(Number(a ?? 100_000), Number(b ?? 7), c);
      break;
    default:
      throw new Error(`unknown mode ${String(mode)}`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
