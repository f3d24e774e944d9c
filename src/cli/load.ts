/** Shared start of every CLI command: resolve paths, read them into one engine. */
import { Engine } from '../core/model/engine';
import type { PriceTable } from '../core/cost/prices';
import { resolveSourcePaths } from '../node/sourcePaths';
import { readSources } from '../node/readSource';
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

/** `beforeRead` sees the engine before any line (e.g. to attach the alert replay recorder). */
export async function loadEngine(
  paths: readonly string[],
  options: LoadOptions,
  beforeRead?: (engine: Engine) => void,
): Promise<{ engine: Engine; files: string[] }> {
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
  const engine = new Engine({ prices: tables, naiveTimeZone: options.localTime ? 'local' : 'utc' });
  beforeRead?.(engine);
  const failed = await readSources(engine, files, maxLineBytes === undefined ? {} : { maxLineBytes });
  // Unreadable sources are named on stderr and make the exit code 2; the others still count.
  for (const source of failed) process.stderr.write(`runlens: ${source.error}\n`);
  if (failed.length > 0) process.exitCode = 2;
  engine.compact();
  return { engine, files };
}
