/**
 * Bridges the byte-level LineSplitter to the Engine for one source. The decoder is
 * injected so the core stays free of platform APIs (Node passes Buffer#toString,
 * a browser would pass TextDecoder).
 */
import type { Engine } from '../model/engine';
import type { SourceStats } from '../model/sources';
import { LineSplitter, type LineSink, type SplitterPosition } from './lineSplitter';

/** Decodes bytes [start, end) as UTF-8, replacing invalid sequences with U+FFFD. */
export type Utf8Decoder = (bytes: Uint8Array, start: number, end: number) => string;

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export function oversizedReason(byteLength: number, maxLineBytes: number): string {
  return `line of ${byteLength} bytes is longer than the ${maxLineBytes}-byte cap`;
}

/** Only spaces, tabs and carriage returns (a line starting with `{` never is). */
export function isBlankLine(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] === 0x7b) return false;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export class SourceIngest implements LineSink {
  private readonly splitter: LineSplitter;

  constructor(
    private readonly engine: Engine,
    readonly source: SourceStats,
    private readonly decode: Utf8Decoder,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    start?: SplitterPosition,
  ) {
    this.splitter = new LineSplitter(maxLineBytes, start);
  }

  /** Feeds the next bytes of the file. */
  push(chunk: Uint8Array): void {
    this.splitter.push(chunk, this);
  }

  /** The file is finished: a last line without a newline still counts. */
  end(): void {
    this.splitter.flush(this);
  }

  get position(): SplitterPosition {
    return this.splitter.position;
  }

  get hasPartial(): boolean {
    return this.splitter.hasPartial;
  }

  line(bytes: Uint8Array, start: number, end: number, lineNo: number, byteOffset: number): void {
    if (isBlankLine(bytes, start, end)) {
      this.engine.ingestBlank(this.source);
      return;
    }
    this.engine.ingestText(this.source, this.decode(bytes, start, end), lineNo, byteOffset);
  }

  oversized(lineNo: number, byteOffset: number, byteLength: number): void {
    this.engine.ingestMalformed(this.source, lineNo, byteOffset, oversizedReason(byteLength, this.maxLineBytes));
  }
}
