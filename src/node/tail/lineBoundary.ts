/**
 * Follows the line boundaries of a byte stream the way the core's LineSplitter numbers
 * lines (one line per `\n`), without holding lines: the tailer needs the position after
 * the last complete line for checkpoints, and the bytes just before it to recognise a
 * copy of the file later.
 */
import type { SplitterPosition } from '../../core/formats/lineSplitter';
import { SIGNATURE_BYTES, lastBytes } from './fileBytes';

const LF = 10;

export class LineBoundary {
  private offset: number;
  private lines: number;
  /** Up to SIGNATURE_BYTES bytes ending at the last byte fed. */
  private recent: Buffer;
  /** Up to SIGNATURE_BYTES bytes ending at `offset` (just past the last `\n`). */
  private tailBytes: Buffer;

  /** `before` holds the bytes just before `start.offset` (when resuming mid-file). */
  constructor(start: SplitterPosition, before: Buffer = Buffer.alloc(0)) {
    this.offset = start.offset;
    this.lines = start.lines;
    this.recent = before;
    this.tailBytes = before;
  }

  /** After the last complete line: where a checkpoint may resume. */
  get position(): SplitterPosition {
    return { offset: this.offset, lines: this.lines };
  }

  /** The bytes just before `position.offset`. */
  get tail(): Buffer {
    return this.tailBytes;
  }

  /** The last bytes fed (up to SIGNATURE_BYTES), ending at the current read offset. */
  get recentBytes(): Buffer {
    return this.recent;
  }

  /** Accounts for the next chunk of the stream, which starts at `chunkOffset`. */
  advance(chunk: Uint8Array, chunkOffset: number): void {
    let last = -1;
    let count = 0;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) {
      last = i;
      count++;
    }
    if (last >= 0) {
      this.lines += count;
      this.offset = chunkOffset + last + 1;
      this.tailBytes = lastBytes(this.recent, chunk.subarray(0, last + 1), SIGNATURE_BYTES);
    }
    this.recent = lastBytes(this.recent, chunk, SIGNATURE_BYTES);
  }

  reset(): void {
    this.offset = 0;
    this.lines = 0;
    this.recent = Buffer.alloc(0);
    this.tailBytes = this.recent;
  }
}
