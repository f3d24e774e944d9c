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
import { PARALLEL_MIN_BYTES, readFileParallel } from './parallel/parallelRead';

export const READ_CHUNK_BYTES = 1024 * 1024;

export interface ReadOptions {
  maxLineBytes?: number;
  /**
   * Parse workers for large plain files (bundled worker script and how many); ignored when
   * the engine has observers, for `.gz` and for files under `minBytes` (PARALLEL_MIN_BYTES).
   */
  parallel?: { workerFile: string; workers: number; minBytes?: number };
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
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  try {
    const parallel = options.parallel;
    const size = parallel && !engine.observed && !path.endsWith('.gz') ? await fileSize(path) : 0;
    if (parallel && size >= (parallel.minBytes ?? PARALLEL_MIN_BYTES)) {
      await readFileParallel(engine, stats, path, size, {
        ...parallel,
        maxLineBytes,
        naiveTimeZone: engine.naiveTimeZone,
        firstBatch: (lines, bytes) => reserveEvents(engine, lines, bytes, size, 0),
      });
      return stats;
    }
    const ingest = new SourceIngest(engine, stats, decodeUtf8, maxLineBytes);
    await readFileChunks(path, {
      push: (chunk) => ingest.push(chunk),
      firstChunk: (bytes, fileSize) => reserveEvents(engine, ingest.position.lines, bytes, fileSize, ingest.position.lines),
    });
    ingest.end();
  } catch (err) {
    stats.error = err instanceof SourceReadError ? err.message : `cannot read ${path}: ${String(err)}`;
  }
  return stats;
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch (err) {
    throw new SourceReadError(path, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/**
 * Sizes the event columns once from a chunk's line density: growing them by copies would
 * allocate ~3x their final size and leave it fragmented.
 */
function reserveEvents(engine: Engine, sampleLines: number, sampleBytes: number, fileSize: number, alreadyRead: number): void {
  const expected = Math.ceil((((sampleLines + 1) * fileSize) / sampleBytes) * 1.02);
  if (expected >= RESERVE_MIN_LINES) engine.reserveEvents(expected - alreadyRead);
}

/** Below this many expected lines, growing the columns as they fill costs nothing worth saving. */
const RESERVE_MIN_LINES = 65_536;

export interface ChunkSink {
  push(chunk: Buffer): void;
  /** After the first chunk of a plain file, with the file's size (not called for `.gz`). */
  firstChunk?(bytes: number, fileSize: number): void;
  /** Checked after each chunk: true stops reading early. */
  stop?(): boolean;
}

/**
 * Streams a file's bytes in READ_CHUNK_BYTES chunks (`.gz` through zlib). Failures throw a
 * SourceReadError naming the path; chunks pushed before a failure stay pushed.
 */
export async function readFileChunks(path: string, sink: ChunkSink): Promise<void> {
  if (path.endsWith('.gz')) await readGzip(path, sink);
  else await readPlain(path, sink);
}

async function readPlain(path: string, sink: ChunkSink): Promise<void> {
  let handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    throw new SourceReadError(path, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let first = sink.firstChunk ? (await handle.stat()).size : -1;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      sink.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      if (first >= 0) {
        sink.firstChunk?.(bytesRead, first);
        first = -1;
      }
      if (sink.stop?.()) break;
    }
  } finally {
    await handle.close();
  }
}

async function readGzip(path: string, sink: ChunkSink): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const file = createReadStream(path);
    const stream = file.pipe(createGunzip());
    stream.on('data', (chunk: Buffer) => {
      sink.push(chunk);
      if (sink.stop?.()) {
        file.destroy();
        stream.destroy();
        resolve();
      }
    });
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
