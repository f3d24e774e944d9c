/**
 * Small byte-level helpers shared by the tailer: identity keys, short signatures of a
 * file's first bytes, and positional reads that do not move a shared file position.
 */
import { createHash } from 'node:crypto';
import type { promises as fs } from 'node:fs';

/** Bytes of a file's start kept as its signature (enough to tell two JSON log files apart). */
export const SIGNATURE_BYTES = 256;

export type FileHandle = fs.FileHandle;

export function identityKey(dev: bigint, ino: bigint): string {
  return `${dev}:${ino}`;
}

/** A short stable digest of some bytes (for checkpoints and comparisons). */
export function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** Reads up to `length` bytes at `position`; fewer only at end of file. */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const out = Buffer.alloc(Math.max(0, length));
  let filled = 0;
  while (filled < out.length) {
    const { bytesRead } = await handle.read(out, filled, out.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === out.length ? out : out.subarray(0, filled);
}

/** Concatenates and keeps the last `max` bytes. */
export function lastBytes(a: Uint8Array, b: Uint8Array, max: number): Buffer {
  if (b.length >= max) return Buffer.from(b.subarray(b.length - max));
  const keepA = Math.min(a.length, max - b.length);
  const out = Buffer.allocUnsafe(keepA + b.length);
  out.set(a.subarray(a.length - keepA), 0);
  out.set(b, keepA);
  return out;
}
