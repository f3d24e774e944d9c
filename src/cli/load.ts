/** Shared start of every CLI command: resolve paths, read them into one engine. */
import { Engine } from '../core/model/engine';
import type { PriceTable } from '../core/cost/prices';
import { resolveSourcePaths } from '../node/sourcePaths';
import { readSources, type ReadOptions } from '../node/readSource';
import { defaultParseWorkers, parseWorkerFile } from '../node/parallel/parallelRead';
import { readSourcesPrefiltered } from '../node/prefilteredRead';
import { planMetricPrefilter } from '../core/metrics/prefilter';
import type { Tags } from '../core/metrics/store';
import type { SourceStats } from '../core/model/sources';
import { SHIPPED_PRICES, loadPriceFile } from '../node/prices';
import { UsageError } from './errors';

export interface LoadOptions {
  prices?: string;
  maxLineBytes?: string;
  localTime?: boolean;
}

export function parsePositiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${flag} expects a positive whole number, got "${text}"`);
  return value;
}

interface Prepared {
  tables: PriceTable[];
  maxLineBytes: number | undefined;
  files: string[];
}

async function prepare(paths: readonly string[], options: LoadOptions): Promise<Prepared> {
  const tables: PriceTable[] = [SHIPPED_PRICES];
  if (options.prices) {
    try {
      tables.push(loadPriceFile(options.prices));
    } catch (err) {
      throw new UsageError(`--prices: ${(err as Error).message}`);
    }
  }
  const maxLineBytes = parsePositiveInt(options.maxLineBytes, '--max-line-bytes');
  const files = await resolveSourcePaths(paths);
  return { tables, maxLineBytes, files };
}

function newEngine(prepared: Prepared, options: LoadOptions): Engine {
  return new Engine({ prices: prepared.tables, naiveTimeZone: options.localTime ? 'local' : 'utc' });
}

/** Unreadable sources are named on stderr and make the exit code 2; the others still count. */
function finish(engine: Engine, failed: readonly SourceStats[]): void {
  for (const source of failed) process.stderr.write(`runlens: ${source.error}\n`);
  if (failed.length > 0) process.exitCode = 2;
  engine.compact();
}

/** `beforeRead` sees the engine before any line (e.g. to attach the alert replay recorder). */
export async function loadEngine(
  paths: readonly string[],
  options: LoadOptions,
  beforeRead?: (engine: Engine) => void,
): Promise<{ engine: Engine; files: string[] }> {
  return readAll(await prepare(paths, options), options, beforeRead);
}

/**
 * Parse workers for big files: RUNLENS_PARSE_WORKERS=0 turns them off, N sets how many;
 * RUNLENS_PARALLEL_MIN_BYTES lowers the size threshold (tests use tiny files).
 */
function parallelOption(): ReadOptions['parallel'] {
  const workerFile = parseWorkerFile();
  const workers = process.env.RUNLENS_PARSE_WORKERS === undefined ? defaultParseWorkers() : Number(process.env.RUNLENS_PARSE_WORKERS);
  if (!workerFile || !Number.isInteger(workers) || workers < 1) return undefined;
  const minBytes = Number(process.env.RUNLENS_PARALLEL_MIN_BYTES);
  return { workerFile, workers, ...(Number.isInteger(minBytes) && minBytes >= 0 ? { minBytes } : {}) };
}

async function readAll(prepared: Prepared, options: LoadOptions, beforeRead?: (engine: Engine) => void): Promise<{ engine: Engine; files: string[] }> {
  const { files, maxLineBytes } = prepared;
  const engine = newEngine(prepared, options);
  beforeRead?.(engine);
  const parallel = parallelOption();
  const failed = await readSources(engine, files, {
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
    ...(parallel ? { parallel } : {}),
  });
  finish(engine, failed);
  return { engine, files };
}

/**
 * An engine whose series `name` (filtered by `tags`) is exactly what `loadEngine` would
 * hold, reading only the lines that can carry it (src/core/metrics/prefilter.ts); every
 * other part of the engine is partial. Falls back to `loadEngine` when the byte prefilter
 * cannot be exact (workflow_* metrics, a kept line needing a skipped line's timestamp).
 */
export async function loadEngineForMetric(
  paths: readonly string[],
  options: LoadOptions,
  name: string,
  tags: Tags | undefined,
): Promise<{ engine: Engine; files: string[]; prefiltered: boolean }> {
  const prepared = await prepare(paths, options);
  const plan = planMetricPrefilter(name, tags);
  if ('needles' in plan) {
    const engine = newEngine(prepared, options);
    const read = await readSourcesPrefiltered(engine, prepared.files, plan.needles, {
      ...(prepared.maxLineBytes === undefined ? {} : { maxLineBytes: prepared.maxLineBytes }),
      naiveTimeZone: options.localTime ? 'local' : 'utc',
    });
    if (read.exact) {
      finish(engine, read.failed);
      return { engine, files: prepared.files, prefiltered: true };
    }
  }
  return { ...(await readAll(prepared, options)), prefiltered: false };
}
