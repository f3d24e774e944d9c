/** A TailConsumer for tests that records lines and events and lets a test wait on them. */
import { lineConsumer } from '../../src/node/tail/lineConsumer';
import type { CloseReason, ResetReason, TailConsumer, TailedFile, TailWarning } from '../../src/node/tail/types';
import { Signal, waitUntil } from './waitUntil';

export interface RecordedLine {
  readonly fileId: number;
  readonly path: string;
  readonly dev: string;
  readonly ino: string;
  readonly text: string;
  readonly lineNo: number;
  readonly byteOffset: number;
  readonly history: boolean;
  /** performance.now() when the line was delivered. */
  readonly at: number;
}

export class TailRecorder {
  readonly lines: RecordedLine[] = [];
  readonly opened: TailedFile[] = [];
  readonly resets: Array<{ file: TailedFile; reason: ResetReason }> = [];
  readonly closed: Array<{ file: TailedFile; reason: CloseReason }> = [];
  readonly renamed: Array<{ file: TailedFile; previousPath: string; path: string }> = [];
  readonly warnings: TailWarning[] = [];
  readonly oversized: Array<{ file: TailedFile; lineNo: number; byteLength: number }> = [];
  /** Bytes delivered, and when, for latency measurements. */
  readonly chunks: Array<{ fileId: number; offset: number; length: number; at: number }> = [];
  readonly signal = new Signal();
  readonly consumer: TailConsumer;

  constructor(maxLineBytes?: number) {
    const lines = lineConsumer({
      ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
      onLine: (l) =>
        this.lines.push({
          fileId: l.file.id, path: l.file.path, dev: l.file.dev, ino: l.file.ino,
          text: l.text, lineNo: l.lineNo, byteOffset: l.byteOffset, history: l.history, at: performance.now(),
        }),
      onOversized: (file, lineNo, _offset, byteLength) => this.oversized.push({ file, lineNo, byteLength }),
    });
    const after = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A): void => {
      fn(...args);
      this.signal.notify();
    };
    this.consumer = {
      onFileOpened: after((file) => {
        this.opened.push(file);
        lines.onFileOpened(file);
      }),
      onBytes: after((file, chunk, info) => {
        this.chunks.push({ fileId: file.id, offset: info.offset, length: chunk.length, at: performance.now() });
        lines.onBytes(file, chunk, info);
      }),
      onReset: after((file, reason) => {
        this.resets.push({ file, reason });
        lines.onReset(file, reason);
      }),
      onFileClosed: after((file, reason) => {
        this.closed.push({ file, reason });
        lines.onFileClosed(file, reason);
      }),
      onRenamed: after((file, previousPath) => this.renamed.push({ file, previousPath, path: file.path })),
      onWarning: after((warning) => this.warnings.push(warning)),
    };
  }

  texts(): string[] {
    return this.lines.map((l) => l.text);
  }

  /** Waits, event-driven, until the condition holds. */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    return waitUntil(condition, what, {
      signal: this.signal,
      timeoutMs,
      describe: () => `${this.lines.length} lines: ${JSON.stringify(this.texts().slice(-5))}`,
    });
  }

  /** Waits until these texts were all delivered (in any order). */
  untilTexts(texts: readonly string[], timeoutMs?: number): Promise<void> {
    return this.until(() => {
      const seen = new Set(this.texts());
      return texts.every((t) => seen.has(t));
    }, `lines ${JSON.stringify(texts.slice(0, 3))}${texts.length > 3 ? '…' : ''}`, timeoutMs);
  }
}
