/**
 * Parallel bulk read of one large file: parse workers (parseWorker.ts) each take a byte
 * range, and this thread records their lines strictly in file order, so the engine sees
 * the same calls, in the same order, as a sequential read: line numbers, timestamp
 * inheritance, workflows, metrics and cost come out identical (tests compare the reports).
 * Only for reads nobody observes line by line (alerts need the parsed object).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LINE_BLANK, LINE_EVENT, LINE_MALFORMED, LineBatchReader, type LineBatch } from '../../core/formats/lineBatch';
import type { Engine } from '../../core/model/engine';
import type { SourceStats } from '../../core/model/sources';
import type { NaiveTimeZone } from '../../core/util/time';
import type { ParseWorkerData, ParseWorkerMessage } from './parseWorker';

/** Smaller files are read on this thread: starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** The bundled worker beside the running bundle (dist/parseWorker.js), if there is one. */
export function parseWorkerFile(): string | undefined {
  const file = join(__dirname, 'parseWorker.js');
  return existsSync(file) ? file : undefined;
}

/** 2-4 parse workers; none on a single core, where they would only add copying. */
export function defaultParseWorkers(): number {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(4, cores);
}

export interface ParallelReadOptions {
  workers: number;
  workerFile: string;
  maxLineBytes: number;
  naiveTimeZone: NaiveTimeZone;
  /** Before the first line is recorded: how many lines the first batch's bytes held (to size columns). */
  firstBatch?(lines: number, bytes: number): void;
}

/** Feeds one worker's batches to the engine, numbering lines on from the ranges before. */
class RangeConsumer {
  constructor(private readonly engine: Engine, private readonly source: SourceStats) {}

  /** Returns the number of the batch's last line. */
  consume(batch: LineBatch, lineBefore: number): number {
    const reader = new LineBatchReader(batch);
    const { engine, source } = this;
    let line = lineBefore;
    for (let i = 0; i < batch.count; i++) {
      line++;
      const offset = reader.offset(i);
      switch (reader.tag(i)) {
        case LINE_BLANK:
          engine.ingestBlank(source);
          break;
        case LINE_MALFORMED:
          engine.ingestMalformed(source, line, offset, reader.text(i));
          break;
        case LINE_EVENT: {
          const { event, obj } = reader.event(i);
          engine.ingestReadEvent(source, event, obj, line, offset);
          break;
        }
        default:
          engine.ingestText(source, reader.text(i), line, offset);
      }
    }
    return line;
  }
}

/**
 * Reads `path` (plain, not .gz) of `size` bytes into `source` with `options.workers` parse
 * workers. Throws when a worker fails; the caller then knows the source is incomplete.
 */
export async function readFileParallel(engine: Engine, source: SourceStats, path: string, size: number, options: ParallelReadOptions): Promise<void> {
  const count = Math.max(1, options.workers);
  const step = Math.ceil(size / count);
  // Batches of later ranges wait here until the ranges before them are recorded.
  const pending: LineBatch[][] = [];
  const done: boolean[] = [];
  let current = 0;
  let lineBase = 0;
  const consumers: RangeConsumer[] = [];
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let sized = false;
      const drain = (): void => {
        while (current < count) {
          const queue = pending[current] as LineBatch[];
          const consumer = consumers[current] as RangeConsumer;
          const first = queue[0];
          if (!sized && first && first.count > 1) {
            sized = true;
            options.firstBatch?.(first.count - 1, (first.offset[first.count - 1] as number) - (first.offset[0] as number));
          }
          for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) lineBase = consumer.consume(batch, lineBase);
          if (!done[current]) return;
          current++;
        }
        resolve();
      };
      for (let k = 0; k < count; k++) {
        pending.push([]);
        done.push(false);
        consumers.push(new RangeConsumer(engine, source));
        const data: ParseWorkerData = {
          path,
          start: k * step,
          end: k === count - 1 ? Infinity : Math.min(size, (k + 1) * step),
          maxLineBytes: options.maxLineBytes,
          naiveTimeZone: options.naiveTimeZone,
        };
        const worker = new Worker(options.workerFile, { workerData: data });
        workers.push(worker);
        worker.on('message', (m: ParseWorkerMessage) => {
          if ('batch' in m) (pending[k] as LineBatch[]).push(m.batch);
          else if ('done' in m) done[k] = true;
          else reject(new Error(m.error));
          if (k === current) {
            try {
              drain();
            } catch (err) {
              reject(err as Error);
            }
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!done[k]) reject(new Error(`parse worker ${k} exited (${code}) before finishing`));
        });
      }
    });
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}
