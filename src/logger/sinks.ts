/**
 * Where rendered lines go. Every sink receives one whole line per call and hands it to the
 * OS or stream in one piece, so lines from concurrent async writers in one process never
 * interleave: JavaScript runs one call at a time and no call yields halfway through a line.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LineSink {
  /** `line` has no newline; the sink adds it. */
  writeLine(line: string): void;
}

/**
 * Appends to a file opened with `'a'` (O_APPEND): each line is one synchronous write(2) of
 * the whole line plus newline, at the end of the file as it is at that moment.
 *
 * What is guaranteed:
 * - In this process, lines never interleave or tear (the write is synchronous), whatever
 *   the number of async writers, loggers or FileSinks on the same path.
 * - With other processes appending, O_APPEND means no process overwrites another's bytes.
 *   Whether two concurrent write(2) calls can interleave *within* a line is not promised by
 *   POSIX for regular files (PIPE_BUF atomicity is for pipes). Linux local file systems
 *   (ext4, xfs, btrfs, tmpfs) serialise writes per file, so whole lines stay whole there;
 *   Windows appends each WriteFile in one piece. NFS and SMB do not support atomic append:
 *   give each process its own file there.
 * - A short write (disk full, signal) is completed by a second write(2); only then can
 *   another process's line land between the two parts.
 * Write errors (ENOSPC, EBADF) are thrown to the caller, as a Python logger's would be.
 */
export class FileSink implements LineSink {
  private fd: number | undefined;

  constructor(readonly path: string, options: { createDirectory?: boolean } = {}) {
    if (options.createDirectory) mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  writeLine(line: string): void {
    if (this.fd === undefined) throw new Error(`FileSink for ${this.path} is closed`);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Writes to a Node stream (`process.stdout` by default, like structlog's PrintLogger).
 * One `write()` per line; the stream keeps the order of writes.
 */
export class StreamSink implements LineSink {
  constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {}

  writeLine(line: string): void {
    this.stream.write(`${line}\n`);
  }
}

/** Keeps lines in memory; for tests and for forwarding elsewhere. */
export class MemorySink implements LineSink {
  readonly lines: string[] = [];

  writeLine(line: string): void {
    this.lines.push(line);
  }
}
