/**
 * Reads whole files into an engine in fixed-size chunks: no readline, no per-line
 * copies beyond the decoded string JSON.parse needs. `.gz` files are streamed through zlib.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DEFAULT_MAX_LINE_BYTES, SourceIngest } from '../core/formats/lineIngest';
import type { Engine } from '../core/model/engine';
import type { SourceStats } from '../core/model/sources';
import { decodeUtf8 } from './decode';

export const READ_CHUNK_BYTES = 1024 * 1024;

export interface ReadOptions {
  maxLineBytes?: number;
}

export class SourceReadError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/**
 * Reads one file. A file that cannot be read (whole or in part, e.g. a corrupt `.gz`)
 * keeps the lines read before the failure and gets `stats.error`; it never throws.
 */
export async function readSourceFile(engine: Engine, path: string, options: ReadOptions = {}): Promise<SourceStats> {
  const stats = engine.addSource(path);
  const ingest = new SourceIngest(engine, stats, decodeUtf8, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  try {
    if (path.endsWith('.gz')) {
      await readGzip(path, ingest);
    } else {
      await readPlain(path, ingest, engine);
    }
    ingest.end();
  } catch (err) {
    stats.error = err instanceof SourceReadError ? err.message : `cannot read ${path}: ${String(err)}`;
  }
  return stats;
}

/** Below this many expected lines, growing the columns as they fill costs nothing worth saving. */
const RESERVE_MIN_LINES = 65_536;

async function readPlain(path: string, ingest: SourceIngest, engine: Engine): Promise<void> {
  let handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    throw new SourceReadError(path, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    const size = (await handle.stat()).size;
    let first = true;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      ingest.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      if (first) {
        first = false;
        // Size the event columns once from the first chunk's line density: growing them
        // by copies would allocate ~3x their final size and leave it fragmented.
        const expected = Math.ceil(((ingest.position.lines + 1) * size) / bytesRead * 1.02);
        if (expected >= RESERVE_MIN_LINES) engine.reserveEvents(expected - ingest.position.lines);
      }
    }
  } finally {
    await handle.close();
  }
}

async function readGzip(path: string, ingest: SourceIngest): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path).pipe(createGunzip());
    stream.on('data', (chunk: Buffer) => ingest.push(chunk));
    stream.on('end', resolve);
    stream.on('error', (err: Error) => reject(new SourceReadError(path, `cannot read ${path}: ${err.message}`)));
  });
}

/** Reads every file in order into one engine; returns the sources that failed. */
export async function readSources(engine: Engine, paths: readonly string[], options: ReadOptions = {}): Promise<SourceStats[]> {
  const failed: SourceStats[] = [];
  for (const path of paths) {
    const stats = await readSourceFile(engine, path, options);
    if (stats.error !== undefined) failed.push(stats);
  }
  return failed;
}
