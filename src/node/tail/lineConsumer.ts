/**
 * Ready-made consumers: `lineConsumer` turns a Tailer's bytes into lines through the
 * core's LineSplitter (one per file identity, so partial lines wait for their newline and
 * line numbers continue after a checkpoint); `EngineTailConsumer` feeds an Engine through
 * one SourceIngest per identity.
 */
import { DEFAULT_MAX_LINE_BYTES, SourceIngest } from '../../core/formats/lineIngest';
import { LineSplitter, type LineSink } from '../../core/formats/lineSplitter';
import type { Engine } from '../../core/model/engine';
import type { SourceStats } from '../../core/model/sources';
import { decodeUtf8 } from '../decode';
import type { CloseReason, TailConsumer, TailedFile, TailWarning } from './types';

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

export interface EngineTailOptions {
  maxLineBytes?: number;
  onWarning?(warning: TailWarning): void;
}

/** One engine source per file identity; a reset keeps the source and restarts its line numbers. */
export class EngineTailConsumer implements TailConsumer {
  private readonly ingests = new Map<number, SourceIngest>();
  private readonly sources = new Map<number, SourceStats>();
  private history = false;

  constructor(private readonly engine: Engine, private readonly options: EngineTailOptions = {}) {}

  /**
   * True while lines that existed before tailing started are ingested: engine observers
   * (alerts) read it to list such lines without notifying.
   */
  get ingestingHistory(): boolean {
    return this.history;
  }

  sourceOf(file: TailedFile): SourceStats | undefined {
    return this.sources.get(file.id);
  }

  onFileOpened(file: TailedFile): void {
    const source = this.engine.addSource(file.path);
    this.sources.set(file.id, source);
    this.ingests.set(file.id, this.newIngest(source, file));
  }

  onBytes(file: TailedFile, chunk: Uint8Array, info: { history: boolean }): void {
    this.history = info.history;
    try {
      this.ingests.get(file.id)?.push(chunk);
    } finally {
      this.history = false;
    }
  }

  onReset(file: TailedFile): void {
    const source = this.sources.get(file.id);
    if (source) this.ingests.set(file.id, this.newIngest(source));
  }

  onFileClosed(file: TailedFile, reason: CloseReason): void {
    if (reason === 'gone') this.ingests.get(file.id)?.end();
    this.ingests.delete(file.id);
    this.sources.delete(file.id);
  }

  onWarning(warning: TailWarning): void {
    this.options.onWarning?.(warning);
  }

  private newIngest(source: SourceStats, file?: TailedFile): SourceIngest {
    return new SourceIngest(this.engine, source, decodeUtf8, this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, file?.start);
  }
}
