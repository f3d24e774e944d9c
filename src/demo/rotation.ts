/**
 * Log rotation the way logrotate and Python's RotatingFileHandler do it (rename, then a new
 * file): `agents.jsonl` becomes `agents.jsonl.1`, replacing the older backup, and writing
 * continues in a fresh `agents.jsonl`. Lines are written synchronously and rotation happens
 * between two lines, so none is split or lost; a tailer that holds the old file open reads
 * its end, then follows the new file.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileSink, type LineSink } from '../logger';

export class RotatingFileSink implements LineSink {
  private file: FileSink;
  private rotationCount = 0;
  private lineCount = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.file = new FileSink(path);
  }

  get rotations(): number {
    return this.rotationCount;
  }

  get lines(): number {
    return this.lineCount;
  }

  get backupPath(): string {
    return `${this.path}.1`;
  }

  writeLine(line: string): void {
    this.file.writeLine(line);
    this.lineCount++;
  }

  rotate(): void {
    this.file.close();
    if (existsSync(this.path)) renameSync(this.path, this.backupPath);
    this.file = new FileSink(this.path);
    this.rotationCount++;
  }

  close(): void {
    this.file.close();
  }
}

/** Sends every line to each sink in turn (a test keeps a copy of what the demo wrote). */
export class TeeSink implements LineSink {
  constructor(private readonly sinks: readonly LineSink[]) {}

  writeLine(line: string): void {
    for (const sink of this.sinks) sink.writeLine(line);
  }
}
