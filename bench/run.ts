/**
 * `npm run bench`: ratios measured in one run on one machine, never timed assertions.
 *
 *   node scripts/bench.mjs [--lines N] [--runs N] [--trace-spans N] [--trace-runs N]
 *                          [--profile] [--no-profile] [--heap-detail] [--no-jq] [--out FILE]
 *
 * A missed timing target triggers CPU profiles (report vs baseline; buildTrace alone), a missed
 * memory target a before/after heap-snapshot diff on a 100k-line file; --no-profile skips both.
 *
 * Every timed measurement runs in a fresh child process (bench/worker.ts) so JIT state and
 * heap growth of one never bias another; the page cache is warmed first; baseline and
 * runlens runs alternate so drift from other load on the machine hits both alike.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_LINES, DEFAULT_SEED, ensureDataFile, numberArg } from './generate';
import { diffHeapSnapshots, type HeapGroup } from './lib/heap';
import { summarizeProfile, type ProfileSummary } from './lib/profile';
import { dataDir, repoRoot } from './lib/paths';

const TARGETS = {
  reportRatio: 1.3,
  jqRatio: 5,
  bytesPerEvent: 120,
  traceMs: 100,
};
const JQ = '/usr/bin/jq';
const METRIC = 'tool_execution_duration_ms';
const TOOL = 'web_search';
const JQ_FILTER =
  `reduce (inputs | select(.event == "tool_executed" and .tool_name == "${TOOL}") | .duration_ms) as $d ` +
  '({count: 0, sum: 0}; .count += 1 | .sum += $d) | {count, mean: (.sum / .count)}';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const root = repoRoot();
const rel = (p: string): string => relative(root, p) || '.';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface Timed<T> {
  wallMs: number;
  result: T;
}

/** Runs bench/worker in a fresh node; the worker's own timing comes back as JSON. */
function worker<T>(mode: string, args: readonly string[], nodeFlags: readonly string[] = []): Timed<T> {
  const fromSource = __filename.endsWith('.ts');
  const entry = join(__dirname, fromSource ? 'worker.ts' : 'worker.js');
  const full = [...nodeFlags, ...(fromSource ? ['--import', 'tsx'] : []), entry, mode, ...args];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, full, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`worker ${mode} failed (${r.status}): ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { wallMs, result: JSON.parse(last) as T };
}

/**
 * Wall time of a whole process, stdout to /dev/null (or captured), plus its CPU time
 * (user + system of the process and its threads) from bash's `time`.
 */
function wall(cmd: string, args: readonly string[], capture = false): { ms: number; cpuMs: number; stdout: string } {
  const devNull = openSync('/dev/null', 'w');
  try {
    const t0 = performance.now();
    const r = spawnSync('bash', ['-c', 'TIMEFORMAT="@@cpu %3U %3S"; time "$@"', 'bench', cmd, ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', capture ? 'pipe' : devNull, 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    const m = /@@cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    const cpuMs = m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN;
    return { ms, cpuMs, stdout: capture ? r.stdout : '' };
  } finally {
    closeSync(devNull);
  }
}

function warmPageCache(path: string): number {
  const t0 = performance.now();
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0) {
      // Just reading.
    }
  } finally {
    closeSync(fd);
  }
  return performance.now() - t0;
}

/** The first half of `path` (cut at a line end), written beside it once. */
function halfFile(path: string): string {
  const out = path.replace(/\.jsonl$/, '.half.jsonl');
  if (existsSync(out)) return out;
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(Math.floor(size / 2) + 1024 * 1024);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const end = buffer.subarray(0, n).indexOf(10, Math.floor(size / 2));
  writeFileSync(out, buffer.subarray(0, end + 1));
  return out;
}

function newestProfile(dir: string, prefix: string): string {
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no ${prefix}*.cpuprofile in ${dir}`);
  return join(dir, files.sort().pop() as string);
}

function profile(mode: string, args: readonly string[], dir: string): ProfileSummary {
  worker(mode, args, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${mode}.cpuprofile`]);
  return summarizeProfile(newestProfile(dir, mode));
}

type Row = [string, string, string, string, string];

function printTable(rows: Row[]): void {
  const head: Row = ['measurement', 'median', 'runs', 'target', 'result'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]?.length ?? 0)));
  const fmt = (r: Row): string => r.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const list = (xs: readonly number[]): string =>
  xs.some((x) => x >= 1000) ? `${xs.map((x) => (x / 1000).toFixed(2)).join(' / ')} s` : `${xs.map((x) => x.toFixed(1)).join(' / ')} ms`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

function printProfile(title: string, p: ProfileSummary): void {
  const line = (t: { percent: number; ms: number; function?: string; file: string }): string =>
    `  ${String(t.percent).padStart(5)}%  ${String(t.ms).padStart(6)} ms  ${t.function === undefined ? t.file : `${t.function}  (${t.file})`}`;
  console.log(`\n${title}: ${p.totalMs} ms sampled`);
  console.log('  self time (a builtin such as JSON.parse is counted in its JS caller):');
  for (const t of p.top) console.log(line(t));
  console.log('  total time (self + callees) of project functions:');
  for (const t of p.inclusive) console.log(line(t));
  console.log('  self time by file:');
  for (const f of p.byFile.slice(0, 10)) console.log(line(f));
}

function gitState(): { head: string; dirtySrc: string[] } {
  const git = (...args: string[]): string => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  return { head: git('rev-parse', '--short', 'HEAD'), dirtySrc: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).map((l) => l.trim()) };
}

function main(): void {
  const lines = numberArg(argv, 'lines', 'BENCH_LINES', DEFAULT_LINES);
  const seed = numberArg(argv, 'seed', 'BENCH_SEED', DEFAULT_SEED);
  const runs = numberArg(argv, 'runs', 'BENCH_RUNS', 3);
  const traceSpans = numberArg(argv, 'trace-spans', 'BENCH_TRACE_SPANS', 100_000);
  const traceRuns = numberArg(argv, 'trace-runs', 'BENCH_TRACE_RUNS', 7);
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${rel(cli)} is missing: run npm run build (scripts/bench.mjs does)`);
  const benchStarted = performance.now();

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${release()}`,
    totalMemGiB: round(totalmem() / 2 ** 30),
    freeMemGiB: round(freemem() / 2 ** 30),
    loadavgAtStart: loadavg().map((x) => round(x, 2)),
  };
  const git = gitState();
  console.log(`code: ${git.head}${git.dirtySrc.length > 0 ? ` + ${git.dirtySrc.length} uncommitted change(s) under src/` : ''}`);
  console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), node ${machine.node}, ${machine.platform}, ` +
    `${machine.totalMemGiB} GiB RAM, load ${machine.loadavgAtStart.join(' ')}`);

  const data = ensureDataFile(lines, seed);
  const file = data.path;
  console.log(`data: ${rel(file)}: ${data.lines} lines, ${(data.bytes / 1e6).toFixed(1)} MB, ` +
    `${(data.bytes / data.lines).toFixed(0)} B/line (${data.reused ? 'reused' : `generated in ${(data.generateMs / 1000).toFixed(1)} s`})`);
  const warmMs = warmPageCache(file);
  console.log(`page cache warmed (${ms(warmMs)}); ${runs} run(s) each, alternating baseline / runlens\n`);

  // a + b: baseline vs report, in-process and as whole processes, interleaved.
  type InProc = { ms: number; cpuMs: number; ingestMs: number; buildReportMs: number; stringifyMs: number; events: number; lines: number; malformed: number; workflows: number };
  const base: Array<Timed<{ ms: number; cpuMs: number; lines: number; objects: number }>> = [];
  const inproc: Array<Timed<InProc>> = [];
  const cliReport: Array<{ ms: number; cpuMs: number }> = [];
  const readPath: Array<{ ms: number; cpuMs: number }> = [];
  for (let r = 0; r < runs; r++) {
    base.push(worker('baseline', [file]));
    inproc.push(worker('report', [file]));
    readPath.push(worker<{ ms: number; cpuMs: number }>('readpath', [file]).result);
    cliReport.push(wall(process.execPath, [cli, 'report', file, '--json']));
    process.stdout.write(`  run ${r + 1}/${runs}: baseline ${ms(base[r]?.result.ms ?? 0)}, report ${ms(inproc[r]?.result.ms ?? 0)}, ` +
      `read path ${ms(readPath[r]?.ms ?? 0)}, CLI ${ms(cliReport[r]?.ms ?? 0)}\n`);
  }
  const baseMs = median(base.map((b) => b.result.ms));
  const baseCpuMs = median(base.map((b) => b.result.cpuMs));
  const baseWallMs = median(base.map((b) => b.wallMs));
  const reportMs = median(inproc.map((x) => x.result.ms));
  const reportCpuMs = median(inproc.map((x) => x.result.cpuMs));
  const cliReportMs = median(cliReport.map((x) => x.ms));
  const first = inproc[0]?.result;
  if (first && (first.lines !== data.lines || first.malformed !== 0)) {
    throw new Error(`report read ${first.lines} lines (${first.malformed} malformed), expected ${data.lines}`);
  }
  const readPathMs = median(readPath.map((x) => x.ms));
  const readPathCpuMs = median(readPath.map((x) => x.cpuMs));
  const reportRatio = reportMs / baseMs;
  // Noise on a shared machine only ever adds time: the ratio of the fastest runs is a useful second view.
  const minOf = (xs: readonly number[]): number => Math.min(...xs);
  const reportMinRatio = minOf(inproc.map((x) => x.result.ms)) / minOf(base.map((b) => b.result.ms));
  const reportCpuRatio = reportCpuMs / baseCpuMs;
  const cliRatio = cliReportMs / baseWallMs;

  // c: runlens metrics vs jq (and vs a byte-prefiltered parse, for what a fast path could reach).
  const metricsArgs = [cli, 'metrics', file, '--name', METRIC, '--tag', `tool_name=${TOOL}`];
  const metricsRuns: Array<{ ms: number; cpuMs: number }> = [];
  let metricsOut: { count: number; mean: number } | undefined;
  const jqAvailable = existsSync(JQ) && !flag('no-jq');
  const jqRuns: Array<{ ms: number; cpuMs: number }> = [];
  let jqOut: { count: number; mean: number } | undefined;
  const pre: Array<{ ms: number; cpuMs: number; parsed: number; count: number; mean: number }> = [];
  for (let r = 0; r < runs; r++) {
    const m = wall(process.execPath, metricsArgs, true);
    metricsRuns.push(m);
    metricsOut = JSON.parse(m.stdout) as { count: number; mean: number };
    pre.push(worker<{ ms: number; cpuMs: number; parsed: number; count: number; mean: number }>('prefilter', [file, TOOL]).result);
    if (jqAvailable) {
      const j = wall(JQ, ['-n', '-c', JQ_FILTER, file], true);
      jqRuns.push(j);
      jqOut = JSON.parse(j.stdout) as { count: number; mean: number };
    }
    process.stdout.write(`  run ${r + 1}/${runs}: runlens metrics ${ms(m.ms)}` + (jqAvailable ? `, jq ${ms(jqRuns[r]?.ms ?? 0)}` : '') + `, prefiltered parse ${ms(pre[r]?.ms ?? 0)}\n`);
  }
  if (!jqAvailable) console.log(`  jq: ${flag('no-jq') ? 'skipped (--no-jq)' : `not found at ${JQ}, skipped (apt-get install jq)`}`);
  const sameAnswer = (a?: { count: number; mean: number }, b?: { count: number; mean: number }): boolean | undefined =>
    a && b ? a.count === b.count && Math.abs(a.mean - b.mean) <= 1e-9 * Math.abs(a.mean) : undefined;
  const agree = sameAnswer(jqOut, metricsOut);
  const preAgree = sameAnswer(pre[0], metricsOut);
  const metricsMedian = median(metricsRuns.map((x) => x.ms));
  const jqMedian = jqRuns.length > 0 ? median(jqRuns.map((x) => x.ms)) : NaN;
  const jqRatio = jqMedian / metricsMedian;
  const jqMinRatio = jqRuns.length > 0 ? minOf(jqRuns.map((x) => x.ms)) / minOf(metricsRuns.map((x) => x.ms)) : NaN;
  const jqCpuRatio = jqRuns.length > 0 ? median(jqRuns.map((x) => x.cpuMs)) / median(metricsRuns.map((x) => x.cpuMs)) : NaN;
  // What any design that JSON.parses every line can reach: jq ÷ the bare baseline process.
  const jqCeiling = jqMedian / baseWallMs;
  const preMs = median(pre.map((x) => x.ms));
  const preWallRatio = jqMedian / preMs;

  // d: retained memory per event.
  const mem = worker<{
    events: number; rssBefore: number; rssAfter: number; heapUsedBefore: number; heapUsedAfter: number;
    arrayBuffersBefore: number; arrayBuffersAfter: number; maxRssBytes: number; eventColumnsBytes: number;
    metricColumnsBytes: number; metricPoints: number; series: number; workflows: number; internedStrings: number;
  }>('memory', [file], ['--expose-gc']).result;
  const rssPerEvent = (mem.rssAfter - mem.rssBefore) / mem.events;
  const heapAbBefore = mem.heapUsedBefore + mem.arrayBuffersBefore;
  const heapAbAfter = mem.heapUsedAfter + mem.arrayBuffersAfter;
  const heapPerEvent = (heapAbAfter - heapAbBefore) / mem.events;
  const heapOnlyPerEvent = (mem.heapUsedAfter - mem.heapUsedBefore) / mem.events;
  const abPerEvent = (mem.arrayBuffersAfter - mem.arrayBuffersBefore) / mem.events;
  // The same on the file's first half: the difference is what each further event costs,
  // without the fixed part (V8's young generation, code, allocator slack) that RSS includes.
  const half = worker<typeof mem>('memory', [halfFile(file)], ['--expose-gc']).result;
  const marginalRssPerEvent = ((mem.rssAfter - mem.rssBefore) - (half.rssAfter - half.rssBefore)) / (mem.events - half.events);
  const marginalHeapPerEvent =
    ((heapAbAfter - heapAbBefore) - (half.heapUsedAfter + half.arrayBuffersAfter - half.heapUsedBefore - half.arrayBuffersBefore)) / (mem.events - half.events);

  // e: trace build of one 100k-span workflow.
  const tr = worker<{ samples: number[]; indexSamples: number[]; lines: number; generatedSpans: number; nodes: number; spans: number; depth: number; ingestMs: number; treeBytes: number }>(
    'trace', [String(traceSpans), String(traceRuns)], ['--expose-gc'],
  ).result;
  const traceMedian = median(tr.samples);

  const cpuNote = (ratio: number): string => `CPU-time ratio ${ratio.toFixed(2)}×`;
  const rows: Row[] = [
    ['a. baseline: chunked JSON.parse loop', ms(baseMs), list(base.map((b) => b.result.ms)), '', `${round(data.bytes / 1e6 / (baseMs / 1000))} MB/s`],
    ['b. report, in-process', ms(reportMs), list(inproc.map((x) => x.result.ms)), `≤ ${TARGETS.reportRatio}× baseline`,
      `${reportRatio.toFixed(2)}× ${verdict(reportRatio <= TARGETS.reportRatio)} (fastest runs ${reportMinRatio.toFixed(2)}×, ${cpuNote(reportCpuRatio)})`],
    ['   read path only (engine records nothing)', ms(readPathMs), list(readPath.map((x) => x.ms)), '',
      `${(readPathMs / baseMs).toFixed(2)}× baseline (fastest runs ${(minOf(readPath.map((x) => x.ms)) / minOf(base.map((b) => b.result.ms))).toFixed(2)}×, CPU ${(readPathCpuMs / baseCpuMs).toFixed(2)}×)`],
    ['   of which ingest / buildReport / stringify', `${ms(median(inproc.map((x) => x.result.ingestMs)))} / ${ms(median(inproc.map((x) => x.result.buildReportMs)))} / ${ms(median(inproc.map((x) => x.result.stringifyMs)))}`, '', '', ''],
    ['b. report, CLI process wall', ms(cliReportMs), list(cliReport.map((x) => x.ms)), `vs baseline process ${ms(baseWallMs)}`, `${cliRatio.toFixed(2)}× ${verdict(cliRatio <= TARGETS.reportRatio)}`],
    ['c. runlens metrics (CLI wall)', ms(metricsMedian), list(metricsRuns.map((x) => x.ms)), '', ''],
    ['c. jq, same question', jqAvailable ? ms(jqMedian) : 'skipped', jqAvailable ? list(jqRuns.map((x) => x.ms)) : '', `jq ≥ ${TARGETS.jqRatio}× runlens`,
      jqAvailable ? `${jqRatio.toFixed(1)}× ${verdict(jqRatio >= TARGETS.jqRatio)} (fastest runs ${jqMinRatio.toFixed(1)}×, ${cpuNote(jqCpuRatio)}; ${agree ? 'answers agree' : 'ANSWERS DIFFER'})` : 'n/a'],
    ['   ceiling if every line is JSON.parsed: jq ÷ baseline process', jqAvailable ? `${jqCeiling.toFixed(1)}×` : 'n/a', '', '', ''],
    [`   byte-prefiltered parse (only lines with "${TOOL}")`, ms(preMs), list(pre.map((x) => x.ms)), `${pre[0]?.parsed ?? 0} lines parsed`,
      `${jqAvailable ? `jq ÷ this ${preWallRatio.toFixed(1)}×; ` : ''}${preAgree ? 'answer agrees' : 'ANSWER DIFFERS'}`],
    ['d. retained memory (sequential read, as a live engine keeps it), RSS', `${rssPerEvent.toFixed(1)} B/event`, `${((mem.rssAfter - mem.rssBefore) / 2 ** 20).toFixed(1)} MiB / ${mem.events} events`,
      `≤ ${TARGETS.bytesPerEvent} B/event`, verdict(rssPerEvent <= TARGETS.bytesPerEvent)],
    ['d. retained memory, heapUsed+arrayBuffers', `${heapPerEvent.toFixed(1)} B/event`, `heap ${heapOnlyPerEvent.toFixed(1)} + arrayBuffers ${abPerEvent.toFixed(1)}`,
      `≤ ${TARGETS.bytesPerEvent} B/event`, verdict(heapPerEvent <= TARGETS.bytesPerEvent)],
    ['   per further event (full file − first half), RSS', `${marginalRssPerEvent.toFixed(1)} B/event`, `heapUsed+arrayBuffers ${marginalHeapPerEvent.toFixed(1)} B/event`,
      `≤ ${TARGETS.bytesPerEvent} B/event`, verdict(marginalRssPerEvent <= TARGETS.bytesPerEvent)],
    [`e. trace tree build (indexTrace: parents, children, order), ${tr.spans} spans`, ms(median(tr.indexSamples)), list(tr.indexSamples), `< ${TARGETS.traceMs} ms`, verdict(median(tr.indexSamples) < TARGETS.traceMs)],
    ['   + every node as a JSON object (what trace --json prints)', ms(traceMedian), list(tr.samples), `< ${TARGETS.traceMs} ms`, verdict(traceMedian < TARGETS.traceMs)],
    ['   heap kept by one built tree', `${(tr.treeBytes / 2 ** 20).toFixed(1)} MiB`, `${(tr.treeBytes / tr.nodes).toFixed(0)} B/node, ${tr.nodes} nodes`, '', ''],
  ];
  console.log('');
  printTable(rows);
  console.log(`\nmemory detail: event columns ${(mem.eventColumnsBytes / mem.events).toFixed(1)} B/event, metric columns ` +
    `${(mem.metricColumnsBytes / mem.events).toFixed(1)} B/event (${mem.metricPoints} points in ${mem.series} series), ` +
    `${mem.workflows} workflows, ${mem.internedStrings} interned strings; peak RSS ${(mem.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(`metrics answer: runlens ${JSON.stringify({ count: metricsOut?.count, mean: metricsOut?.mean })}` +
    (jqOut ? `, jq ${JSON.stringify(jqOut)}` : ''));

  // Where the time goes, when a timing target misses (or on request).
  const profiles: Record<string, ProfileSummary> = {};
  const wantProfile = (missed: boolean): boolean => flag('profile') || (missed && !flag('no-profile'));
  const profDir = join(dataDir(), 'prof');
  if (wantProfile(reportRatio > TARGETS.reportRatio) || wantProfile(traceMedian >= TARGETS.traceMs)) {
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
  }
  if (wantProfile(reportRatio > TARGETS.reportRatio)) {
    profiles.baseline = profile('baseline', [file], profDir);
    profiles.report = profile('report', [file], profDir);
    printProfile('CPU profile, baseline', profiles.baseline);
    printProfile('CPU profile, in-process report', profiles.report);
  }
  if (wantProfile(traceMedian >= TARGETS.traceMs)) {
    const out = join(profDir, 'buildTrace.cpuprofile');
    worker('trace', [String(traceSpans), String(traceRuns), out], ['--expose-gc']);
    profiles.buildTrace = summarizeProfile(out);
    printProfile(`CPU profile, buildTrace only (${traceRuns} builds of ${tr.spans} spans)`, profiles.buildTrace);
  }
  if (Object.keys(profiles).length > 0) console.log(`\nprofiles: ${rel(profDir)}/*.cpuprofile (open in Chrome DevTools or VS Code)`);

  // What the retained bytes are, when the memory target misses (or on request).
  let heapDetail: { lines: number; events: number; bytesPerEvent: number; groups: Array<HeapGroup & { bytesPerEvent: number }> } | undefined;
  const memMissed = rssPerEvent > TARGETS.bytesPerEvent || heapPerEvent > TARGETS.bytesPerEvent;
  if (flag('heap-detail') || (memMissed && !flag('no-profile'))) {
    const small = ensureDataFile(Math.min(lines, 100_000), seed);
    const dir = join(dataDir(), 'heap');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const m = worker<{ events: number }>('memory', [small.path, dir], ['--expose-gc']).result;
    const diff = diffHeapSnapshots(join(dir, 'before.heapsnapshot'), join(dir, 'after.heapsnapshot'));
    heapDetail = {
      lines: small.lines,
      events: m.events,
      bytesPerEvent: round(diff.totalBytes / m.events),
      groups: diff.groups.map((g) => ({ ...g, bytesPerEvent: round(g.bytes / m.events) })),
    };
    console.log(`\nheap snapshot diff (${small.lines} lines, ${m.events} events): +${(diff.totalBytes / 2 ** 20).toFixed(1)} MiB, ${heapDetail.bytesPerEvent} B/event`);
    for (const g of heapDetail.groups) {
      console.log(`  ${g.bytesPerEvent.toFixed(1).padStart(7)} B/event  ${(g.bytes / 2 ** 20).toFixed(2).padStart(7)} MiB  ${String(g.count).padStart(8)} ×  ${g.what}`);
    }
  }

  const results = {
    date: new Date().toISOString(),
    git,
    machine: { ...machine, loadavgAtEnd: loadavg().map((x) => round(x, 2)) },
    data: { file: rel(file), lines: data.lines, bytes: data.bytes, bytesPerLine: round(data.bytes / data.lines), seed, reused: data.reused },
    runs,
    targets: TARGETS,
    baseline: {
      medianMs: round(baseMs),
      samplesMs: base.map((b) => round(b.result.ms)),
      cpuMs: base.map((b) => round(b.result.cpuMs)),
      processWallMs: base.map((b) => round(b.wallMs)),
      mbPerSec: round(data.bytes / 1e6 / (baseMs / 1000)),
    },
    report: {
      inProcess: {
        medianMs: round(reportMs),
        samplesMs: inproc.map((x) => round(x.result.ms)),
        cpuMs: inproc.map((x) => round(x.result.cpuMs)),
        phasesMs: inproc.map((x) => ({ ingest: round(x.result.ingestMs), buildReport: round(x.result.buildReportMs), stringify: round(x.result.stringifyMs) })),
        events: first?.events,
        workflows: first?.workflows,
      },
      readPathOnly: { medianMs: round(readPathMs), samplesMs: readPath.map((x) => round(x.ms)), cpuMs: readPath.map((x) => round(x.cpuMs)), ratio: round(readPathMs / baseMs, 3) },
      cliWall: { medianMs: round(cliReportMs), samplesMs: cliReport.map((x) => round(x.ms)), cpuMs: cliReport.map((x) => round(x.cpuMs)) },
      ratio: round(reportRatio, 3),
      fastestRunsRatio: round(reportMinRatio, 3),
      cpuRatio: round(reportCpuRatio, 3),
      cliRatio: round(cliRatio, 3),
      pass: reportRatio <= TARGETS.reportRatio,
    },
    metricsVsJq: {
      query: { name: METRIC, tags: { tool_name: TOOL } },
      jqFilter: JQ_FILTER,
      runlensCliMs: metricsRuns.map((x) => round(x.ms)),
      runlensCliCpuMs: metricsRuns.map((x) => round(x.cpuMs)),
      jqMs: jqRuns.map((x) => round(x.ms)),
      jqCpuMs: jqRuns.map((x) => round(x.cpuMs)),
      runlens: metricsOut ? { count: metricsOut.count, mean: metricsOut.mean } : null,
      jq: jqOut ?? null,
      answersAgree: agree ?? null,
      ratio: jqAvailable ? round(jqRatio, 2) : null,
      fastestRunsRatio: jqAvailable ? round(jqMinRatio, 2) : null,
      cpuRatio: jqAvailable ? round(jqCpuRatio, 2) : null,
      ceilingJqOverBaselineProcess: jqAvailable ? round(jqCeiling, 2) : null,
      prefilteredParse: {
        samplesMs: pre.map((x) => round(x.ms)),
        linesParsed: pre[0]?.parsed ?? 0,
        answerAgrees: preAgree ?? null,
        jqOverThis: jqAvailable ? round(preWallRatio, 2) : null,
      },
      pass: jqAvailable ? jqRatio >= TARGETS.jqRatio : null,
      note: jqAvailable ? undefined : `jq not available at ${JQ}`,
    },
    memory: {
      ...mem,
      rssBytesPerEvent: round(rssPerEvent),
      heapPlusArrayBuffersBytesPerEvent: round(heapPerEvent),
      heapBytesPerEvent: round(heapOnlyPerEvent),
      arrayBuffersBytesPerEvent: round(abPerEvent),
      eventColumnsBytesPerEvent: round(mem.eventColumnsBytes / mem.events),
      metricColumnsBytesPerEvent: round(mem.metricColumnsBytes / mem.events),
      halfFileEvents: half.events,
      marginalRssBytesPerEvent: round(marginalRssPerEvent),
      marginalHeapPlusArrayBuffersBytesPerEvent: round(marginalHeapPerEvent),
      pass: { rss: rssPerEvent <= TARGETS.bytesPerEvent, heapPlusArrayBuffers: heapPerEvent <= TARGETS.bytesPerEvent, marginalRss: marginalRssPerEvent <= TARGETS.bytesPerEvent },
    },
    trace: {
      spans: tr.spans,
      nodes: tr.nodes,
      depth: tr.depth,
      lines: tr.lines,
      samplesMs: tr.samples.map((x) => round(x, 2)),
      treeBytes: tr.treeBytes,
      treeBytesPerNode: round(tr.treeBytes / tr.nodes),
      medianMs: round(traceMedian, 2),
      indexTraceSamplesMs: tr.indexSamples.map((x) => round(x, 2)),
      indexTraceMedianMs: round(median(tr.indexSamples), 2),
      pass: { treeBuild: median(tr.indexSamples) < TARGETS.traceMs, withNodeObjects: traceMedian < TARGETS.traceMs },
    },
    profiles: Object.keys(profiles).length > 0 ? profiles : null,
    heapDetail: heapDetail ?? null,
    benchSeconds: round((performance.now() - benchStarted) / 1000),
  };
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 && argv[outAt + 1] ? resolve(argv[outAt + 1] as string) : join(root, 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nresults: ${rel(out)} (bench took ${results.benchSeconds} s)`);
}

main();
