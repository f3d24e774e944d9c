/**
 * Writes the benchmark's seed-style structlog file to bench/data/ (git-ignored).
 *
 *   npx tsx bench/generate.ts [--lines 1000000] [--seed 42]
 *
 * Deterministic: the same parameters give the same bytes. An existing file whose
 * sidecar `.meta.json` records the same parameters and whose size matches is reused.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './lib/paths';
import { streamLines } from './lib/workload';

/** Bump when the generator's output changes, so stale files are regenerated. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_LINES = 1_000_000;
export const DEFAULT_SEED = 42;
/** Workflows running at once (their lines interleave by timestamp). */
const CONCURRENCY = 8;

export interface DataFile {
  path: string;
  lines: number;
  bytes: number;
  seed: number;
  reused: boolean;
  generateMs: number;
}

interface Meta {
  version: number;
  lines: number;
  seed: number;
  concurrency: number;
  bytes: number;
}

export function ensureDataFile(lines: number, seed: number = DEFAULT_SEED, dir: string = dataDir()): DataFile {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `seed-${lines}-s${seed}.jsonl`);
  const metaPath = `${path}.meta.json`;
  const wanted: Omit<Meta, 'bytes'> = { version: GENERATOR_VERSION, lines, seed, concurrency: CONCURRENCY };
  if (existsSync(path) && existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
      if (
        meta.version === wanted.version && meta.lines === lines && meta.seed === seed &&
        meta.concurrency === CONCURRENCY && statSync(path).size === meta.bytes
      ) {
        return { path, lines, bytes: meta.bytes, seed, reused: true, generateMs: 0 };
      }
    } catch {
      // Unreadable meta: regenerate.
    }
  }
  const started = performance.now();
  const fd = openSync(path, 'w');
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  let used = 0;
  let bytes = 0;
  let written = 0;
  try {
    streamLines(seed, CONCURRENCY, (line) => {
      const text = `${line}\n`;
      if (used + text.length * 3 > buffer.length) {
        writeSync(fd, buffer, 0, used);
        used = 0;
      }
      const n = buffer.write(text, used, 'utf8');
      used += n;
      bytes += n;
      written++;
      return written < lines;
    });
    if (used > 0) writeSync(fd, buffer, 0, used);
  } finally {
    closeSync(fd);
  }
  const meta: Meta = { ...wanted, bytes };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { path, lines, bytes, seed, reused: false, generateMs: performance.now() - started };
}

/** `--name value` or `--name=value`, else the environment variable, else the default. */
export function numberArg(argv: readonly string[], name: string, env: string, fallback: number): number {
  let text: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === `--${name}`) text = argv[i + 1];
    else if (a.startsWith(`--${name}=`)) text = a.slice(name.length + 3);
  }
  text ??= process.env[env];
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} expects a positive whole number, got "${text}"`);
  return value;
}

function main(): void {
  const argv = process.argv.slice(2);
  const lines = numberArg(argv, 'lines', 'BENCH_LINES', DEFAULT_LINES);
  const seed = numberArg(argv, 'seed', 'BENCH_SEED', DEFAULT_SEED);
  const file = ensureDataFile(lines, seed);
  const mb = (file.bytes / 1e6).toFixed(1);
  const how = file.reused ? 'reused' : `generated in ${(file.generateMs / 1000).toFixed(1)} s`;
  console.log(`${file.path}: ${file.lines} lines, ${mb} MB (${(file.bytes / file.lines).toFixed(0)} B/line), ${how}`);
}

if (process.argv[1] !== undefined && /generate\.(ts|js)$/.test(process.argv[1])) main();
