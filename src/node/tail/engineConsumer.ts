/**
 * Feeds tailed bytes into an Engine: one engine source per file identity through one
 * SourceIngest (a truncation starts a new source, so node ids `<source>:<line>` never
 * collide with lines read before it), paths follow renames, excluded files are skipped,
 * and the history flag is visible to observers while history bytes are ingested. Used by
 * the live session (`runlens watch`, the worker) and the tail tests.
 */
import picomatch from 'picomatch';
import { DEFAULT_MAX_LINE_BYTES, SourceIngest } from '../../core/formats/lineIngest';
import type { Engine } from '../../core/model/engine';
import type { SourceStats } from '../../core/model/sources';
import { decodeUtf8 } from '../decode';
import type { ChunkInfo, CloseReason, TailConsumer, TailedFile, TailWarning } from './types';

export type SourceState = 'reading history' | 'following' | 'closed';

export interface EngineTailOptions {
  /** Lines longer than this are malformed, their bytes dropped. Default 1 MiB. */
  maxLineBytes?: number;
  /** Paths and globs of files not to ingest (matched against the tailed path). */
  exclude?: readonly string[];
  /** After each chunk was ingested (the live session batches evaluation after it). */
  afterChunk?(): void;
  onSourceOpened?(source: SourceStats): void;
  onWarning?(warning: TailWarning): void;
}

export class EngineTailConsumer implements TailConsumer {
  private readonly ingests = new Map<number, SourceIngest>();
  private readonly sources = new Map<number, SourceStats>();
  private readonly states = new Map<SourceStats, SourceState>();
  private readonly excluded: (path: string) => boolean;
  private readonly maxLineBytes: number;
  private history = false;

  constructor(private readonly engine: Engine, private readonly options: EngineTailOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const exclude = options.exclude ?? [];
    const globs = exclude.filter((e) => /[*?[{]/.test(e));
    const exact = new Set(exclude.filter((e) => !/[*?[{]/.test(e)));
    const match = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
    this.excluded = (path) => exact.has(path) || match(path);
  }

  /**
   * True while lines that existed before tailing started are ingested: engine observers
   * (alerts) read it to list such lines without notifying.
   */
  get ingestingHistory(): boolean {
    return this.history;
  }

  stateOf(source: SourceStats): SourceState {
    return this.states.get(source) ?? 'closed';
  }

  /** Everything that existed at start has been read: files that were reading it now follow. */
  endHistory(): void {
    for (const [source, state] of this.states) if (state === 'reading history') this.states.set(source, 'following');
  }

  onFileOpened(file: TailedFile): void {
    if (this.excluded(file.path)) return;
    this.openSource(file, file.start);
  }

  onBytes(file: TailedFile, chunk: Uint8Array, info: ChunkInfo): void {
    const ingest = this.ingests.get(file.id);
    if (!ingest) return;
    this.history = info.history;
    this.states.set(ingest.source, info.history ? 'reading history' : 'following');
    try {
      ingest.push(chunk);
    } finally {
      this.history = false;
    }
    this.options.afterChunk?.();
  }

  onReset(file: TailedFile): void {
    const old = this.sources.get(file.id);
    if (!old) return;
    this.states.set(old, 'closed');
    this.openSource(file, { offset: 0, lines: 0 });
  }

  onFileClosed(file: TailedFile, reason: CloseReason): void {
    const ingest = this.ingests.get(file.id);
    if (ingest && reason === 'gone') {
      ingest.end();
      this.options.afterChunk?.();
    }
    const source = this.sources.get(file.id);
    if (source) this.states.set(source, 'closed');
    this.ingests.delete(file.id);
    this.sources.delete(file.id);
  }

  onRenamed(file: TailedFile): void {
    const source = this.sources.get(file.id);
    if (source) source.path = file.path;
  }

  onWarning(warning: TailWarning): void {
    this.options.onWarning?.(warning);
  }

  private openSource(file: TailedFile, start: { offset: number; lines: number }): void {
    const source = this.engine.addSource(file.path);
    this.sources.set(file.id, source);
    this.states.set(source, 'following');
    this.ingests.set(file.id, new SourceIngest(this.engine, source, decodeUtf8, this.maxLineBytes, start));
    this.options.onSourceOpened?.(source);
  }
}
