/**
 * Public types of the tailing engine. A Tailer watches sources (files, folders, globs)
 * and hands each *file identity* (device + inode + first-bytes signature, not a path)
 * its new bytes in order. It never splits lines: the consumer does, typically with one
 * `SourceIngest` (core) per identity, so partial lines wait in the core's LineSplitter.
 */
import type { SplitterPosition } from '../../core/formats/lineSplitter';
import type { HintWatcherFactory } from './hintWatcher';

/** Why delivery for a file starts where it does. */
export type StartReason =
  /** A file seen for the first time: from byte 0. */
  | 'new'
  /** Resumed from a checkpoint of an earlier run. */
  | 'checkpoint'
  /**
   * A copy of content already delivered under another identity (copytruncate's copy,
   * an atomic replace that kept the old content as its prefix): resumes where that one stopped.
   */
  | 'continuation';

/** A file identity being tailed. The object is stable; `path` follows renames. */
export interface TailedFile {
  /** Unique per identity for the lifetime of the Tailer (not across runs). */
  readonly id: number;
  /** The path the file is known by now; changes when a rotation renames it to a path that is still watched. */
  readonly path: string;
  /** Device and inode as decimal strings (64-bit values do not fit a JS number). */
  readonly dev: string;
  readonly ino: string;
  /**
   * Position of the first byte delivered and its line count: construct the consumer's
   * splitter with it (`new SourceIngest(..., file.start)`) so line numbers continue.
   * Always at a line boundary.
   */
  readonly start: SplitterPosition;
  readonly startReason: StartReason;
}

export interface ChunkInfo {
  /** File offset of the chunk's first byte. */
  readonly offset: number;
  /**
   * True for bytes that already existed when the Tailer started (read as history: list,
   * don't notify). A chunk never straddles the boundary. Always false with `fromStart`.
   */
  readonly history: boolean;
}

export type ResetReason =
  /** The file is shorter than what was read (truncate, copytruncate). */
  | 'truncated'
  /** Its first bytes changed although it did not shrink (truncated and rewritten between two looks). */
  | 'rewritten';

export type CloseReason =
  /** Deleted or rotated out of every source, read to its end and idle: the file is finished. */
  | 'gone'
  /** The Tailer is closing; the file may still grow (resume from the checkpoint). */
  | 'shutdown'
  /** Reading failed; a warning says why. */
  | 'error';

export type TailWarningCode =
  | 'watcher-fallback'
  | 'unreadable'
  | 'checkpoint-ignored'
  | 'checkpoint-write-failed';

export interface TailWarning {
  readonly code: TailWarningCode;
  readonly message: string;
  readonly path?: string;
}

/**
 * Receives the bytes of every file identity, in order. All calls for one file are
 * sequential; calls are synchronous and the Tailer waits for none of them to settle.
 */
export interface TailConsumer {
  /** First call for a file; `file.start` says where its bytes begin. */
  onFileOpened(file: TailedFile): void;
  /**
   * The next bytes of the file, contiguous with the previous call (or with `file.start`,
   * or with offset 0 after a reset). The chunk is borrowed: its memory is reused after the
   * call returns, so copy what you keep (a LineSplitter copies only a partial line).
   */
  onBytes(file: TailedFile, chunk: Uint8Array, info: ChunkInfo): void;
  /**
   * The file was truncated or rewritten in place: drop any partial line held for it and
   * start again at offset 0, line 1. The next `onBytes` has offset 0.
   */
  onReset(file: TailedFile, reason: ResetReason): void;
  /**
   * Last call for a file. On 'gone' the file is finished, so a last line without a
   * newline is a line (`SourceIngest.end()`); on 'shutdown' it is not.
   */
  onFileClosed(file: TailedFile, reason: CloseReason): void;
  /** The identity moved to another watched path (rename rotation into a matched name). */
  onRenamed?(file: TailedFile, previousPath: string): void;
  /** Something the user should hear about once (watcher fallback, unreadable file, bad checkpoint). */
  onWarning?(warning: TailWarning): void;
}

export interface TailOptions {
  /** Resolves relative sources and globs. Default: process.cwd(). */
  cwd?: string;
  /** How often every tailed file is stat'ed (the truth; watcher events are hints). Default 300 ms. */
  pollIntervalMs?: number;
  /** How often folders and globs are listed for new files (hints and rotations also trigger it). Default 1000 ms. */
  scanIntervalMs?: number;
  /** Most bytes read from one file per turn, so many growing files share the reader fairly. Default 256 KiB. */
  chunkBytes?: number;
  /** Treat content present at start as live rather than history. Default false. */
  fromStart?: boolean;
  /** Where offsets are checkpointed (written atomically); none when absent. */
  checkpointPath?: string;
  /** How often a changed checkpoint is written. Default 1000 ms. */
  checkpointIntervalMs?: number;
  /** How long checkpoint entries of files not seen this run are kept. Default 7 days. */
  checkpointRetentionMs?: number;
  /** A deleted or rotated-away file stays open this long after its last growth (writers finish late). Default 1000 ms. */
  orphanGraceMs?: number;
  /** How long a new file that starts like a known one waits to be recognised as its copy. Default 10 s. */
  copyWindowMs?: number;
  /** Never use OS file watching (network folders); poll only. Default false. */
  usePolling?: boolean;
  /** Reads in flight at once. Default 4. */
  readConcurrency?: number;
  /** Test seam: replaces chokidar. */
  watcherFactory?: HintWatcherFactory;
}

/** What `Tailer.files()` reports per identity (for a Sources view and tests). */
export interface TailedFileStatus {
  readonly file: TailedFile;
  readonly state: 'pending' | 'live' | 'orphan';
  /** Next byte to read. */
  readonly offset: number;
  /** Position after the last complete line delivered (what a checkpoint stores). */
  readonly position: SplitterPosition;
  /** Size at the last look. */
  readonly size: number;
}
