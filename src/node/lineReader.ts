/**
 * Reads single lines back from files by byte offset: trace attributes are not kept in
 * memory, they are re-read from the log on demand (as lnav does).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { AttributeReader } from '../core/traces/build';
import type { Engine } from '../core/model/engine';
import { DEFAULT_MAX_LINE_BYTES } from '../core/formats/lineIngest';

const OMITTED_KEYS = new Set(['event', 'timestamp']);

export function readLineAt(path: string, byteOffset: number, maxBytes = DEFAULT_MAX_LINE_BYTES): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    let size = 4096;
    for (;;) {
      const buffer = Buffer.allocUnsafe(size);
      const read = readSync(fd, buffer, 0, size, byteOffset);
      const nl = buffer.subarray(0, read).indexOf(10);
      if (nl >= 0 || read < size || size >= maxBytes) {
        let end = nl >= 0 ? nl : read;
        if (end > 0 && buffer[end - 1] === 13) end--;
        return buffer.toString('utf8', 0, end);
      }
      size = Math.min(size * 4, maxBytes + 2);
    }
  } finally {
    closeSync(fd);
  }
}

/** Attributes of a line: every key but the ones promoted to node fields, copied without prototype. */
export function attributesOf(text: string | undefined): Record<string, unknown> {
  const attrs = Object.create(null) as Record<string, unknown>;
  if (text === undefined) return attrs;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return attrs;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return attrs;
  for (const key of Object.keys(parsed)) {
    if (!OMITTED_KEYS.has(key)) attrs[key] = (parsed as Record<string, unknown>)[key];
  }
  return attrs;
}

export function fileAttributeReader(engine: Engine): AttributeReader {
  return (sourceId, _line, byteOffset) => {
    const path = engine.sources[sourceId]?.path;
    return path === undefined || path.endsWith('.gz') ? (Object.create(null) as Record<string, unknown>) : attributesOf(readLineAt(path, byteOffset));
  };
}
