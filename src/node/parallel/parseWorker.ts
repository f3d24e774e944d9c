/**
 * Parse worker of the parallel bulk read (see parallelRead.ts): splits, decodes and parses
 * the lines that start inside its byte range [start, end) of one file and reads their
 * events (`readEvent`), posting batches of LineRecords in line order. It records nothing:
 * line numbers, timestamp inheritance and every aggregate stay on the engine's thread.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isBlankLine, oversizedReason } from '../../core/formats/lineIngest';
import { LineBatchWriter, transferables, type LineBatch } from '../../core/formats/lineBatch';
import { LineSplitter, type LineSink } from '../../core/formats/lineSplitter';
import { detectKind, parseLogLine, readEvent } from '../../core/formats/record';
import type { NaiveTimeZone } from '../../core/util/time';
import { decodeUtf8 } from '../decode';

export interface ParseWorkerData {
  path: string;
  /** Lines starting at a byte offset in [start, end) are this worker's. */
  start: number;
  end: number;
  maxLineBytes: number;
  naiveTimeZone: NaiveTimeZone;
}

/** Messages to the engine's thread: batches of lines in order, then `{done}`. */
export type ParseWorkerMessage = { batch: LineBatch } | { done: true } | { error: string };

const BATCH_LINES = 4096;
const CHUNK_BYTES = 1024 * 1024;

class RangeSink implements LineSink {
  private readonly writer = new LineBatchWriter(BATCH_LINES);
  /** Set once a line starting at or after `end` is seen: the rest is the next worker's. */
  finished = false;

  constructor(private readonly data: ParseWorkerData, private readonly post: (m: ParseWorkerMessage, transfer: ArrayBuffer[]) => void) {}

  line(bytes: Uint8Array, start: number, end: number, _lineNo: number, byteOffset: number): void {
    if (!this.accept(byteOffset)) return;
    const { writer } = this;
    if (isBlankLine(bytes, start, end)) {
      writer.blank(byteOffset);
    } else {
      const text = decodeUtf8(bytes, start, end);
      const parsed = parseLogLine(text);
      if (typeof parsed === 'string') writer.malformed(byteOffset, parsed);
      else if (detectKind(parsed) === 'event') writer.event(byteOffset, readEvent(parsed, this.data.naiveTimeZone), parsed);
      else writer.text(byteOffset, text);
    }
    if (writer.full) this.flush();
  }

  oversized(_lineNo: number, byteOffset: number, byteLength: number): void {
    if (!this.accept(byteOffset)) return;
    this.writer.malformed(byteOffset, oversizedReason(byteLength, this.data.maxLineBytes));
    if (this.writer.full) this.flush();
  }

  flush(): void {
    if (this.writer.size === 0) return;
    const batch = this.writer.take();
    this.post({ batch }, transferables(batch));
  }

  private accept(byteOffset: number): boolean {
    if (byteOffset >= this.data.end) this.finished = true;
    return !this.finished;
  }
}

/** Byte offset of the first line starting at or after `start` (a line starts after a `\n`). */
function firstLineStart(fd: number, start: number): number {
  if (start === 0) return 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  let at = start - 1;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, at);
    if (n === 0) return at;
    const nl = buffer.subarray(0, n).indexOf(10);
    if (nl !== -1) return at + nl + 1;
    at += n;
  }
}

function run(data: ParseWorkerData, post: (m: ParseWorkerMessage, transfer?: ArrayBuffer[]) => void): void {
  const fd = openSync(data.path, 'r');
  try {
    let position = firstLineStart(fd, data.start);
    const sink = new RangeSink(data, post);
    const splitter = new LineSplitter(data.maxLineBytes, { offset: position, lines: 0 });
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    while (!sink.finished) {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      if (n === 0) {
        splitter.flush(sink);
        break;
      }
      position += n;
      splitter.push(n === buffer.length ? buffer : buffer.subarray(0, n), sink);
    }
    sink.flush();
    post({ done: true });
  } finally {
    closeSync(fd);
  }
}

if (parentPort) {
  const port = parentPort;
  const post = (m: ParseWorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  try {
    run(workerData as ParseWorkerData, post);
  } catch (err) {
    post({ error: String(err) });
  }
}
