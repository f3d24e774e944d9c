/**
 * Reads files for one metric question through the core's byte prefilter
 * (`src/core/metrics/prefilter.ts`): the chunks of `readFileChunks`, but only lines that
 * could carry the asked series are decoded and parsed.
 */
import { DEFAULT_MAX_LINE_BYTES } from '../core/formats/lineIngest';
import { PrefilteredIngest, type ByteSearch } from '../core/metrics/prefilter';
import type { Engine } from '../core/model/engine';
import type { SourceStats } from '../core/model/sources';
import type { NaiveTimeZone } from '../core/util/time';
import { decodeUtf8 } from './decode';
import { readFileChunks, SourceReadError } from './readSource';

/** Buffer#indexOf (memchr / SIMD search) over any Uint8Array. */
export const nodeByteSearch: ByteSearch = (haystack, needle, from) =>
  (Buffer.isBuffer(haystack) ? haystack : Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength)).indexOf(needle, from);

export interface PrefilteredReadOptions {
  maxLineBytes?: number;
  naiveTimeZone?: NaiveTimeZone;
}

export interface PrefilteredReadResult {
  /** False when a kept line needed a skipped line's timestamp: read everything instead. */
  exact: boolean;
  failed: SourceStats[];
  kept: number;
  skipped: number;
}

/** Reads every file in order into `engine`, keeping only lines that may contain one of `needles`. */
export async function readSourcesPrefiltered(
  engine: Engine,
  paths: readonly string[],
  needles: readonly string[],
  options: PrefilteredReadOptions = {},
): Promise<PrefilteredReadResult> {
  const result: PrefilteredReadResult = { exact: true, failed: [], kept: 0, skipped: 0 };
  for (const path of paths) {
    const stats = engine.addSource(path);
    const ingest = new PrefilteredIngest(engine, stats, decodeUtf8, nodeByteSearch, needles, {
      maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      naiveTimeZone: options.naiveTimeZone ?? 'utc',
    });
    try {
      await readFileChunks(path, { push: (chunk) => ingest.push(chunk), stop: () => ingest.inexact });
      ingest.end();
    } catch (err) {
      stats.error = err instanceof SourceReadError ? err.message : `cannot read ${path}: ${String(err)}`;
    }
    result.kept += ingest.kept;
    result.skipped += ingest.skipped;
    if (ingest.inexact) return { ...result, exact: false };
    if (stats.error !== undefined) result.failed.push(stats);
  }
  return result;
}
