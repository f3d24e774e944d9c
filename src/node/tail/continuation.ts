/**
 * Recognises a new file identity that is a copy of content already delivered under
 * another one, so it is not read twice: the copy that copytruncate leaves behind
 * (`app.log.1` when a glob also matches it), or an atomic replace whose new content
 * starts with the old. Identity stays device + inode + signature; this only decides
 * where a *new* identity starts reading.
 *
 * Evidence is the snapshot of the earlier file at a line boundary O: its first bytes and
 * the bytes just before O. A candidate holding both is a copy and resumes at O. A
 * candidate shorter than O whose first bytes match is a stale copy (the original grew
 * after the copy was taken and was read further): it holds nothing new.
 */
import type { SplitterPosition } from '../../core/formats/lineSplitter';
import { digest, readAt, type FileHandle } from './fileBytes';

/** What a file looked like at a line boundary. */
export interface ContentSnapshot {
  readonly position: SplitterPosition;
  readonly headLen: number;
  readonly headHash: string;
  /** The first bytes themselves, when known (not for checkpoint entries). */
  readonly head?: Buffer;
  readonly tailLen: number;
  readonly tailHash: string;
}

export interface CopyReference {
  readonly snapshot: ContentSnapshot;
  /** The original is still tailed: a copy of it may be a backup, or copytruncate before its truncate. */
  readonly live: boolean;
}

export interface CopyCandidate {
  readonly handle: FileHandle;
  readonly size: number;
  /** The candidate's first bytes (up to SIGNATURE_BYTES). */
  readonly head: Buffer;
  /** The size did not change during the last poll interval. */
  readonly stable: boolean;
}

export type CopyVerdict =
  | { readonly kind: 'new' }
  /** Undecided: a copy may still be being written, or its original may still be truncated. */
  | { readonly kind: 'wait' }
  | { readonly kind: 'continue'; readonly snapshot: ContentSnapshot }
  | { readonly kind: 'covered'; readonly snapshot: ContentSnapshot };

/** Below this much matching content the evidence is too thin: reading twice beats losing lines. */
export const MIN_COPY_EVIDENCE_BYTES = 64;

export function snapshotOf(head: Buffer, tail: Buffer, position: SplitterPosition): ContentSnapshot {
  return { position, headLen: head.length, headHash: digest(head), head, tailLen: tail.length, tailHash: digest(tail) };
}

/** True when the open file holds the snapshot's content up to its position. */
export async function holdsSnapshot(handle: FileHandle, size: number, snap: ContentSnapshot): Promise<boolean> {
  if (size < Math.max(snap.position.offset, snap.headLen)) return false;
  const head = await readAt(handle, 0, snap.headLen);
  if (head.length !== snap.headLen || digest(head) !== snap.headHash) return false;
  const tail = await readAt(handle, snap.position.offset - snap.tailLen, snap.tailLen);
  return tail.length === snap.tailLen && digest(tail) === snap.tailHash;
}

/** True when neither of two non-empty byte strings contradicts the other (one is a prefix of the other). */
export function sharePrefix(a: Uint8Array, b: Uint8Array): boolean {
  const n = Math.min(a.length, b.length);
  return n > 0 && Buffer.compare(a.subarray(0, n), b.subarray(0, n)) === 0;
}

function startsAlike(head: Buffer, snap: ContentSnapshot): boolean {
  if (snap.head) return sharePrefix(head, snap.head);
  return head.length >= snap.headLen && digest(head.subarray(0, snap.headLen)) === snap.headHash;
}

/** Decides whether a new identity is a copy of one of `refs` (ordered most relevant first). */
export async function judgeCopy(candidate: CopyCandidate, refs: Iterable<CopyReference>): Promise<CopyVerdict> {
  // A copy starts empty; an empty file has nothing to read anyway.
  if (candidate.size === 0) return { kind: 'wait' };
  let undecided = false;
  for (const ref of refs) {
    const snap = ref.snapshot;
    if (snap.position.offset < MIN_COPY_EVIDENCE_BYTES || !startsAlike(candidate.head, snap)) continue;
    if (candidate.size >= Math.max(snap.position.offset, snap.headLen)) {
      if (!(await holdsSnapshot(candidate.handle, candidate.size, snap))) continue;
      if (!ref.live) return { kind: 'continue', snapshot: snap };
      undecided = true;
    } else if (!candidate.stable || ref.live) {
      undecided = true;
    } else if (candidate.size >= snap.headLen && candidate.head.length >= MIN_COPY_EVIDENCE_BYTES) {
      return { kind: 'covered', snapshot: snap };
    }
  }
  return undecided ? { kind: 'wait' } : { kind: 'new' };
}

/** Position after the last `\n` of the first `size` bytes (for a stale copy that holds nothing new). */
export async function lastLineBoundary(handle: FileHandle, size: number, chunkBytes: number): Promise<SplitterPosition> {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let lines = 0;
  let offset = 0;
  for (let at = 0; at < size; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(chunkBytes, size - at), at);
    if (bytesRead === 0) break;
    for (let i = buffer.indexOf(10); i !== -1 && i < bytesRead; i = buffer.indexOf(10, i + 1)) {
      lines++;
      offset = at + i + 1;
    }
    at += bytesRead;
  }
  return { offset, lines };
}
