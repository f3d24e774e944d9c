/**
 * Checkpoint file: the read position of every tailed identity, written atomically
 * (temp file, fsync, rename, fsync of the folder) and guarded by a checksum so a torn or
 * edited file is detected and ignored rather than trusted.
 *
 * Format: one header line `runlens-tail-checkpoint 1 <body bytes> <sha256 of body>`,
 * then the body, `{"entries":[...],"retired":[...]}`.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ContentSnapshot } from './continuation';

const MAGIC = 'runlens-tail-checkpoint';
const VERSION = 1;

/** What content looked like at a line boundary: its position, first bytes and the bytes before it. */
export interface SnapshotRecord {
  offset: number;
  lines: number;
  headLen: number;
  headHash: string;
  tailLen: number;
  tailHash: string;
}

/** One identity's position, always at a line boundary. */
export interface CheckpointEntry extends SnapshotRecord {
  path: string;
  dev: string;
  ino: string;
  /** Epoch ms of the last time this run saw the file (old entries expire). */
  seenAt: number;
}

export interface CheckpointState {
  entries: CheckpointEntry[];
  /**
   * Content that recently left its identity (truncated, rewritten, deleted): evidence that
   * a copy found after the restart (copytruncate's) was already read.
   */
  retired: SnapshotRecord[];
}

export type CheckpointRead =
  | { readonly kind: 'ok'; readonly state: CheckpointState }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string };

export function recordOf(snapshot: ContentSnapshot): SnapshotRecord {
  return {
    offset: snapshot.position.offset, lines: snapshot.position.lines,
    headLen: snapshot.headLen, headHash: snapshot.headHash, tailLen: snapshot.tailLen, tailHash: snapshot.tailHash,
  };
}

export function entrySnapshot(entry: SnapshotRecord): ContentSnapshot {
  return {
    position: { offset: entry.offset, lines: entry.lines },
    headLen: entry.headLen,
    headHash: entry.headHash,
    tailLen: entry.tailLen,
    tailHash: entry.tailHash,
  };
}

function sha256(text: Buffer | string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function encodeCheckpoint(state: CheckpointState): Buffer {
  const body = Buffer.from(JSON.stringify({ entries: state.entries, retired: state.retired }), 'utf8');
  return Buffer.concat([Buffer.from(`${MAGIC} ${VERSION} ${body.length} ${sha256(body)}\n`, 'utf8'), body]);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isDecimal = (v: unknown): v is string => typeof v === 'string' && /^\d{1,20}$/.test(v);
const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);

function validRecord(v: unknown): v is SnapshotRecord {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return isCount(e.offset) && isCount(e.lines) && isCount(e.headLen) && isHash(e.headHash) &&
    isCount(e.tailLen) && isHash(e.tailHash) && e.tailLen <= e.offset && e.lines <= e.offset;
}

function validEntry(v: unknown): v is CheckpointEntry {
  if (!validRecord(v)) return false;
  const e = v as unknown as Record<string, unknown>;
  return typeof e.path === 'string' && isDecimal(e.dev) && isDecimal(e.ino) && isCount(e.seenAt);
}

export function decodeCheckpoint(bytes: Buffer): CheckpointRead {
  const nl = bytes.indexOf(10);
  if (nl < 0) return { kind: 'invalid', reason: 'no header line' };
  const header = bytes.subarray(0, nl).toString('utf8').split(' ');
  if (header.length !== 4 || header[0] !== MAGIC) return { kind: 'invalid', reason: 'not a Runlens checkpoint' };
  if (header[1] !== String(VERSION)) return { kind: 'invalid', reason: `unknown checkpoint version ${header[1]}` };
  const body = bytes.subarray(nl + 1);
  if (String(body.length) !== header[2]) return { kind: 'invalid', reason: `torn: ${body.length} of ${header[2]} bytes` };
  if (sha256(body) !== header[3]) return { kind: 'invalid', reason: 'checksum mismatch' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'invalid', reason: 'body is not JSON' };
  }
  const { entries, retired } = (parsed ?? {}) as { entries?: unknown; retired?: unknown };
  if (!Array.isArray(entries) || !entries.every(validEntry)) return { kind: 'invalid', reason: 'malformed entries' };
  if (!Array.isArray(retired) || !retired.every(validRecord)) return { kind: 'invalid', reason: 'malformed retired snapshots' };
  return { kind: 'ok', state: { entries, retired } };
}

export async function readCheckpointFile(file: string): Promise<CheckpointRead> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  return decodeCheckpoint(bytes);
}

let tempCounter = 0;

/** Replaces the checkpoint atomically: readers see the old file or the new one, never a mix. */
export async function writeCheckpointFile(file: string, state: CheckpointState): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(encodeCheckpoint(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes the rename durable; not every platform can open a folder for this, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some network file systems refuse: the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}
