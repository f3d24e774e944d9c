/**
 * The state of one file identity: its open handle (so a rotated or deleted file can
 * still be read to its end), how far it was read, where its last complete line ends,
 * and its first bytes (the signature that tells a reused inode or a rewrite apart).
 */
import type { SplitterPosition } from '../../core/formats/lineSplitter';
import { snapshotOf, type ContentSnapshot } from './continuation';
import { SIGNATURE_BYTES, readAt, type FileHandle } from './fileBytes';
import { LineBoundary } from './lineBoundary';
import type { StartReason, TailConsumer, TailedFile } from './types';

/** pending: not yet opened to the consumer; live: reachable by a watched path; orphan: only through its handle. */
export type FileState = 'pending' | 'live' | 'orphan';

type MutableView = { -readonly [K in keyof TailedFile]: TailedFile[K] };

export class TrackedFile {
  readonly view: MutableView;
  state: FileState = 'pending';
  /** Next byte to read. */
  offset = 0;
  private boundary = new LineBoundary({ offset: 0, lines: 0 });
  /** Bytes below this offset existed when tailing started. */
  private historyEnd = 0;
  /** Size and mtime at the last look. */
  size: number;
  mtimeNs: bigint;
  readonly sizeAtDiscovery: number;
  /** More bytes are expected: the last read filled its buffer, or a look saw growth. */
  needsRead = false;
  /** The last read reached the end of the file. */
  atEof = false;
  /** The file that held this one's path before a rotation: read to its end first. */
  waitFor: TrackedFile | undefined;
  /** Found by the first scan of a start (its content is history). */
  readonly initial: boolean;
  readonly discoveredAt: number;
  sizeChangedAt: number;
  lastGrowthAt: number;
  orphanedAt = 0;
  /** When a look (stat) last saw the file, and last saw it changed. */
  lookedAt = 0;
  changedAt: number;
  /** A scan ran since the file was orphaned and did not find it under another watched name. */
  scannedSinceOrphan = false;
  closed = false;

  constructor(
    id: number,
    path: string,
    readonly key: string,
    dev: bigint,
    ino: bigint,
    readonly handle: FileHandle,
    size: number,
    mtimeNs: bigint,
    /** First bytes of the file (up to SIGNATURE_BYTES). */
    public head: Buffer,
    initial: boolean,
    now: number,
  ) {
    this.view = { id, path, dev: String(dev), ino: String(ino), start: { offset: 0, lines: 0 }, startReason: 'new' };
    this.size = size;
    this.mtimeNs = mtimeNs;
    this.sizeAtDiscovery = size;
    this.initial = initial;
    this.discoveredAt = now;
    this.sizeChangedAt = now;
    this.changedAt = now;
    this.lastGrowthAt = now;
  }

  get decided(): boolean {
    return this.state !== 'pending';
  }

  /** After the last complete line delivered. */
  get position(): SplitterPosition {
    return this.boundary.position;
  }

  /** Starts delivery at a line boundary; `before` holds the bytes just before it. */
  begin(start: SplitterPosition, reason: StartReason, before: Buffer, historyEnd: number): void {
    this.state = 'live';
    this.offset = start.offset;
    this.boundary = new LineBoundary(start, before);
    this.historyEnd = historyEnd;
    this.view.start = start;
    this.view.startReason = reason;
    this.needsRead = this.size > this.offset;
  }

  /** Forgets what was read: the file was truncated or rewritten in place. */
  restart(): void {
    this.offset = 0;
    this.boundary.reset();
    this.historyEnd = 0;
    this.needsRead = true;
    this.atEof = false;
  }

  /** What the file looked like at its last complete line. */
  snapshot(): ContentSnapshot {
    return snapshotOf(this.head, this.boundary.tail, this.boundary.position);
  }

  /**
   * Reads one buffer's worth at the current offset and hands it to the consumer (split at
   * the history boundary). 'rewritten' means the bytes just before the offset are no longer
   * the ones delivered: the file was truncated and written again past this offset since the
   * last look, so the chunk does not continue what was read; nothing was delivered.
   */
  async readTurn(buffer: Buffer, consumer: TailConsumer): Promise<'delivered' | 'eof' | 'rewritten'> {
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.offset);
    if (bytesRead === 0) {
      this.atEof = true;
      this.needsRead = false;
      return 'eof';
    }
    // Read after the chunk: if the first bytes and the bytes just before the offset still
    // match, the chunk was read before any rewrite.
    if (!(await this.stillContinues())) return 'rewritten';
    const chunk = buffer.subarray(0, bytesRead);
    this.atEof = bytesRead < buffer.length;
    this.needsRead = !this.atEof;
    this.extendHead(chunk);
    const split = this.historyEnd - this.offset;
    if (split > 0 && split < bytesRead) {
      this.deliver(chunk.subarray(0, split), consumer);
      this.deliver(chunk.subarray(split), consumer);
    } else {
      this.deliver(chunk, consumer);
    }
    if (this.offset > this.size) {
      this.size = this.offset;
      this.lastGrowthAt = Date.now();
    }
    return 'delivered';
  }

  private async stillContinues(): Promise<boolean> {
    const recent = this.boundary.recentBytes;
    if (recent.length > 0 && !(await readAt(this.handle, this.offset - recent.length, recent.length)).equals(recent)) return false;
    if (this.offset <= recent.length || this.head.length === 0) return true; // the check above covered the start
    const head = await readAt(this.handle, 0, this.head.length);
    return head.equals(this.head);
  }

  /** Keeps the signature equal to the first bytes actually delivered. */
  private extendHead(chunk: Uint8Array): void {
    if (this.offset >= SIGNATURE_BYTES || this.offset > this.head.length) return;
    const head = Buffer.concat([this.head.subarray(0, this.offset), chunk.subarray(0, SIGNATURE_BYTES - this.offset)]);
    if (head.length >= this.head.length || !head.equals(this.head.subarray(0, head.length))) this.head = head;
  }

  private deliver(chunk: Uint8Array, consumer: TailConsumer): void {
    const offset = this.offset;
    this.offset += chunk.length;
    this.boundary.advance(chunk, offset);
    consumer.onBytes(this.view, chunk, { offset, history: offset < this.historyEnd });
  }
}
