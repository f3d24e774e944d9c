/**
 * Append → alert latency of `runlens watch`: appends breaching lines one at a time and
 * times each until its alert line reaches watch's stdout. Every append carries a new
 * `run_tag` value and the rule groups by it, so each append opens its own alert stream
 * (no cooldown in the way). Prints p50/p99; writes bench/watch-latency.json.
 *
 *   npx tsx bench/watchLatency.ts [APPENDS]      (needs dist/cli.js: npm run build)
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const appends = Number(process.argv[2] ?? 120);
const dir = mkdtempSync(join(tmpdir(), 'runlens-watch-bench-'));
mkdirSync(join(dir, 'logs'));
const log = join(dir, 'logs', 'agents.jsonl');
writeFileSync(log, '');
writeFileSync(join(dir, 'rules.json'), JSON.stringify({
  rules: [{
    name: 'slow tool', condition: 'threshold_exceeded', metric_name: 'bench_latency_ms', threshold: 100,
    aggregate: 'max', duration: '1m', cooldown: '1h', severity: 'warning', group_by: ['run_tag'],
  }],
}));

function percentile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number));
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, [resolve(__dirname, '../dist/cli.js'), 'watch', join(dir, 'logs'), '--rules', join(dir, 'rules.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  const waiters: Array<(line: string) => void> = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiters.shift()?.(line);
    }
  });
  const nextLine = (): Promise<string> => new Promise((ok) => waiters.push(ok));
  const ready = await nextLine();
  if (!ready.includes('"ready"')) throw new Error(`unexpected first line ${ready}`);
  const latencies: number[] = [];
  for (let i = 0; i < appends; i++) {
    const line = JSON.stringify({ name: 'bench_latency_ms', value: 500, timestamp: new Date().toISOString(), tags: { run_tag: `r${i}` } });
    const waiting = nextLine();
    const t0 = performance.now();
    appendFileSync(log, `${line}\n`);
    const out = await waiting;
    latencies.push(performance.now() - t0);
    if (!out.includes(`"r${i}"`)) throw new Error(`alert for r${i} expected, got ${out.slice(0, 200)}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
  child.kill('SIGTERM');
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = { appends, p50Ms: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9), p99Ms: percentile(sorted, 0.99), maxMs: sorted[sorted.length - 1], target: 'p99 <= 100 ms' };
  writeFileSync(resolve(__dirname, 'watch-latency.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(result);
}

void main();
