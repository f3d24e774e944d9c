/**
 * Splits a byte stream into lines without copying complete lines: each line is handed
 * to the sink as (bytes, start, end) into the chunk it arrived in. Only a partial last
 * line is copied, and never more than `maxLineBytes` of it, so memory stays bounded
 * whatever the input.
 */

const LF = 10;
const CR = 13;

export interface LineSink {
  /** A complete line; `end` excludes the `\n` and a trailing `\r`. `lineNo` is 1-based. */
  line(bytes: Uint8Array, start: number, end: number, lineNo: number, byteOffset: number): void;
  /** A line longer than the cap; its bytes were dropped. */
  oversized(lineNo: number, byteOffset: number, byteLength: number): void;
}

export interface SplitterPosition {
  /** File offset just past the last complete line handed to the sink. */
  offset: number;
  /** Number of complete lines handed to the sink. */
  lines: number;
}

export class LineSplitter {
  private pending: Uint8Array | undefined;
  private pendingLength = 0;
  /** Bytes of an oversized line seen so far; -1 when not skipping. */
  private skipped = -1;
  private consumed: number;
  private lineStartOffset: number;
  private lines: number;

  constructor(private readonly maxLineBytes: number, start: SplitterPosition = { offset: 0, lines: 0 }) {
    this.consumed = start.offset;
    this.lineStartOffset = start.offset;
    this.lines = start.lines;
  }

  /** Where a checkpoint may resume: after the last complete line. */
  get position(): SplitterPosition {
    return { offset: this.lineStartOffset, lines: this.lines };
  }

  /** Bytes fed so far, including a held partial line. */
  get fedOffset(): number {
    return this.consumed;
  }

  /** True while a partial line is held back waiting for its newline. */
  get hasPartial(): boolean {
    return this.pendingLength > 0 || this.skipped >= 0;
  }

  push(chunk: Uint8Array, sink: LineSink): void {
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) {
        this.hold(chunk, pos, n);
        this.consumed += n - pos;
        return;
      }
      this.consumed += nl + 1 - pos;
      if (this.skipped >= 0) {
        this.finishOversized(this.skipped + (nl - pos), sink);
      } else if (this.pendingLength > 0) {
        const total = this.pendingLength + (nl - pos);
        if (total > this.maxLineBytes + 1) {
          this.pendingLength = 0;
          this.finishOversized(total, sink);
        } else {
          this.hold(chunk, pos, nl);
          const bytes = this.pending as Uint8Array;
          const len = this.pendingLength;
          this.pendingLength = 0;
          this.emit(bytes, 0, len, sink, this.consumed);
        }
      } else {
        this.emit(chunk, pos, nl, sink, this.consumed);
      }
      pos = nl + 1;
    }
  }

  /** End of a finished file: a last line without a newline is still a line. */
  flush(sink: LineSink): void {
    if (this.skipped >= 0) {
      this.finishOversized(this.skipped, sink);
      this.lineStartOffset = this.consumed;
    } else if (this.pendingLength > 0) {
      const bytes = this.pending as Uint8Array;
      const len = this.pendingLength;
      this.pendingLength = 0;
      this.emit(bytes, 0, len, sink, this.consumed);
    }
  }

  private emit(bytes: Uint8Array, start: number, end: number, sink: LineSink, nextOffset: number): void {
    const lineNo = ++this.lines;
    let byteOffset = this.lineStartOffset;
    this.lineStartOffset = nextOffset;
    if (
      byteOffset === 0 && end - start >= 3 &&
      bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf
    ) {
      start += 3;
      byteOffset = 3;
    }
    if (end > start && bytes[end - 1] === CR) end--;
    if (end - start > this.maxLineBytes) {
      sink.oversized(lineNo, byteOffset, end - start);
      return;
    }
    sink.line(bytes, start, end, lineNo, byteOffset);
  }

  private finishOversized(byteLength: number, sink: LineSink): void {
    this.skipped = -1;
    const lineNo = ++this.lines;
    const byteOffset = this.lineStartOffset;
    this.lineStartOffset = this.consumed;
    sink.oversized(lineNo, byteOffset, byteLength);
  }

  private hold(chunk: Uint8Array, from: number, to: number): void {
    if (this.skipped >= 0) {
      this.skipped += to - from;
      return;
    }
    const needed = this.pendingLength + (to - from);
    // Allow one byte beyond the cap for a trailing `\r` of a line exactly at the cap.
    if (needed > this.maxLineBytes + 1) {
      this.skipped = needed;
      this.pendingLength = 0;
      this.pending = undefined;
      return;
    }
    if (!this.pending || this.pending.length < needed) {
      const grown = new Uint8Array(Math.min(this.maxLineBytes + 1, Math.max(needed, (this.pending?.length ?? 0) * 2, 256)));
      if (this.pending) grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(chunk.subarray(from, to), this.pendingLength);
    this.pendingLength = needed;
  }
}
