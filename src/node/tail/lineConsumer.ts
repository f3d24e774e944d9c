/**
 * `lineConsumer` turns a Tailer's bytes into lines through the core's LineSplitter (one per
 * file identity, so partial lines wait for their newline and line numbers continue after a
 * checkpoint). `EngineTailConsumer` (engineConsumer.ts) feeds an Engine instead.
 */
import { DEFAULT_MAX_LINE_BYTES } from '../../core/formats/lineIngest';
import { LineSplitter, type LineSink } from '../../core/formats/lineSplitter';
import { decodeUtf8 } from '../decode';
import type { TailConsumer, TailedFile, TailWarning } from './types';

export interface TailLine {
  readonly file: TailedFile;
  /** Decoded as UTF-8; invalid bytes become U+FFFD. Without `\n`, `\r` or a leading BOM. */
  readonly text: string;
  readonly lineNo: number;
  readonly byteOffset: number;
  /** The line's newline was already in the file when tailing started. */
  readonly history: boolean;
}

export interface LineConsumerOptions {
  /** Lines longer than this are reported as oversized, their bytes dropped. Default 1 MiB. */
  maxLineBytes?: number;
  onLine(line: TailLine): void;
  onOversized?(file: TailedFile, lineNo: number, byteOffset: number, byteLength: number): void;
  onWarning?(warning: TailWarning): void;
}

export function lineConsumer(options: LineConsumerOptions): TailConsumer {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const splitters = new Map<number, LineSplitter>();
  let file: TailedFile | undefined;
  let history = false;
  const sink: LineSink = {
    line: (bytes, start, end, lineNo, byteOffset) =>
      options.onLine({ file: file as TailedFile, text: decodeUtf8(bytes, start, end), lineNo, byteOffset, history }),
    oversized: (lineNo, byteOffset, byteLength) => options.onOversized?.(file as TailedFile, lineNo, byteOffset, byteLength),
  };
  return {
    onFileOpened: (f) => {
      splitters.set(f.id, new LineSplitter(maxLineBytes, f.start));
    },
    onBytes: (f, chunk, info) => {
      file = f;
      history = info.history;
      splitters.get(f.id)?.push(chunk, sink);
    },
    onReset: (f) => {
      splitters.set(f.id, new LineSplitter(maxLineBytes));
    },
    onFileClosed: (f, reason) => {
      file = f;
      history = false;
      if (reason === 'gone') splitters.get(f.id)?.flush(sink);
      splitters.delete(f.id);
    },
    onWarning: (w) => options.onWarning?.(w),
  };
}
