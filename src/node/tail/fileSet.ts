/**
 * Every file identity the Tailer knows, and what happens to them: looks (stat is the
 * truth), discovery, the decision where a new identity starts, fair reading, and the end
 * of files that were rotated away or deleted. The Tailer calls these one at a time from
 * its single loop, so no two of them ever run at once.
 */
import { promises as fs } from 'node:fs';
import type { SplitterPosition } from '../../core/formats/lineSplitter';
import { entrySnapshot, recordOf, type CheckpointEntry, type CheckpointState } from './checkpoint';
import {
  holdsSnapshot, judgeCopy, lastLineBoundary, sharePrefix, type ContentSnapshot, type CopyReference,
} from './continuation';
import { SIGNATURE_BYTES, identityKey, readAt } from './fileBytes';
import { TrackedFile } from './trackedFile';
import type { CloseReason, ResetReason, StartReason, TailConsumer, TailedFileStatus, TailWarningCode } from './types';

export interface FileSetSettings {
  readonly chunkBytes: number;
  readonly readConcurrency: number;
  readonly pollIntervalMs: number;
  readonly orphanGraceMs: number;
  readonly copyWindowMs: number;
  readonly fromStart: boolean;
}

export interface FileSetHooks {
  warn(code: TailWarningCode, message: string, path?: string): void;
  /** Something moved: list the sources again soon. */
  requestScan(): void;
}

const LOOK_CONCURRENCY = 16;
/** A live file unchanged this long is idle: looked at less often. */
const IDLE_AFTER_MS = 10_000;

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class FileSet {
  private readonly byKey = new Map<string, TrackedFile>();
  /** Live and pending files by the path they are reached through. */
  private readonly byPath = new Map<string, TrackedFile>();
  /** Paths whose file was rotated away: the file that appears there next waits for it. */
  private readonly lostPaths = new Map<string, TrackedFile>();
  /** Snapshots of content that left its identity (truncated, rewritten, gone): evidence for copies. */
  private retired: Array<{ snapshot: ContentSnapshot; at: number }> = [];
  /** Checkpoint entries whose identity has not been seen this run. */
  private readonly dormant = new Map<string, CheckpointEntry>();
  private readonly buffers: Buffer[];
  private nextId = 1;
  /** A checkpoint would differ from the last one written. */
  positionsChanged = false;

  constructor(
    private readonly consumer: TailConsumer,
    private readonly settings: FileSetSettings,
    private readonly hooks: FileSetHooks,
  ) {
    this.buffers = Array.from({ length: settings.readConcurrency }, () => Buffer.allocUnsafe(settings.chunkBytes));
  }

  restore(state: CheckpointState, now: number): void {
    for (const entry of state.entries) if (entry.offset > 0) this.dormant.set(`${entry.dev}:${entry.ino}`, entry);
    for (const record of state.retired) this.retire(entrySnapshot(record), now);
  }

  /**
   * Looks at every file: stat by path (fstat for orphans). A live file unchanged for a while
   * is looked at only every `idleLookMs` (unless `everything`): a stat costs tens of
   * microseconds of CPU, and a thousand idle files would otherwise keep a core busy.
   */
  async lookAll(now: number, idleLookMs: number, everything: boolean): Promise<void> {
    const due = [...this.byKey.values()].filter((f) =>
      everything || f.state !== 'live' || now - f.changedAt < IDLE_AFTER_MS || now - f.lookedAt >= idleLookMs);
    await eachLimited(due, LOOK_CONCURRENCY, (f) => this.look(f, now));
  }

  /** Looks at hinted paths and asks each known file to be read to its end. Returns false when a path is unknown. */
  async lookAt(paths: readonly string[], now: number): Promise<boolean> {
    const known = paths.map((path) => this.byPath.get(path)).filter((f): f is TrackedFile => f !== undefined);
    await eachLimited(known, LOOK_CONCURRENCY, async (f) => {
      await this.look(f, now);
      if (f.decided && !f.closed) f.needsRead = true;
    });
    return known.length === paths.length;
  }

  /** Takes the paths a scan of the sources found: re-adopts renamed identities, discovers new ones. */
  async adopt(paths: readonly string[], initial: boolean, now: number): Promise<void> {
    for (const path of paths) {
      if (this.byPath.has(path)) continue; // looked at just before the scan
      const stat = await fs.stat(path, { bigint: true }).catch(() => undefined);
      if (!stat?.isFile()) continue;
      const known = this.byKey.get(identityKey(stat.dev, stat.ino));
      if (!known) {
        await this.discover(path, initial, now);
      } else if (known.state === 'orphan') {
        // Rotated into a name that is still watched: same identity, same position, new path.
        const previous = known.view.path;
        known.state = 'live';
        known.view.path = path;
        this.byPath.set(path, known);
        this.consumer.onRenamed?.(known.view, previous);
      }
      // A live file also reached here is a hard link or a symlink alias: one path is enough.
    }
    for (const f of this.byKey.values()) if (f.state === 'orphan') f.scannedSinceOrphan = true;
  }

  /**
   * Decides where pending files start: a checkpoint of this identity, the position of the
   * content they copy, or byte 0. On the first pass of a run, checkpoint entries are tried
   * first so that failed resumes become evidence for copies made while Runlens was away.
   */
  async decidePending(now: number, firstPass: boolean): Promise<void> {
    const pending = [...this.byKey.values()].filter((f) => f.state === 'pending');
    for (const f of pending) await this.resumeFromCheckpoint(f, now);
    if (firstPass) for (const entry of this.dormant.values()) this.retire(entrySnapshot(entry), now);
    for (const f of pending) if (f.state === 'pending' && !f.closed) await this.judge(f, now);
  }

  hasReadyWork(): boolean {
    for (const f of this.byKey.values()) if (f.decided && f.needsRead && !this.blocked(f)) return true;
    return false;
  }

  /**
   * Rounds of one bounded read per ready file, so a thousand growing files all make
   * progress and one huge file cannot hold up the rest. A round always completes (else
   * files late in the order would starve while hints keep coming); rounds repeat while
   * files stay ready, until `budgetMs` is spent or `interrupted()` (hints to look at).
   */
  async readRounds(budgetMs: number, closed: () => boolean, interrupted: () => boolean): Promise<void> {
    const deadline = Date.now() + budgetMs;
    let ready = [...this.byKey.values()].filter((f) => f.decided && f.needsRead && !this.blocked(f));
    while (ready.length > 0 && !closed()) {
      await this.readRound(ready, closed);
      if (Date.now() >= deadline || interrupted()) return;
      ready = ready.filter((f) => !f.closed && f.needsRead && !this.blocked(f));
    }
  }

  private async readRound(ready: readonly TrackedFile[], stopped: () => boolean): Promise<void> {
    let next = 0;
    const worker = async (buffer: Buffer): Promise<void> => {
      while (next < ready.length && !stopped()) {
        const f = ready[next++] as TrackedFile;
        if (!f.closed) await this.readOne(f, buffer);
      }
    };
    await Promise.all(this.buffers.slice(0, ready.length).map(worker));
  }

  /** Closes rotated-away or deleted files that were read to the end and stayed idle. */
  async closeIdleOrphans(now: number): Promise<void> {
    for (const f of [...this.byKey.values()]) {
      // Finished only if a look since it was orphaned saw it read to its very end (not truncated).
      if (f.state !== 'orphan' || !f.atEof || f.needsRead || !f.scannedSinceOrphan) continue;
      if (f.lookedAt <= f.orphanedAt || f.size !== f.offset) continue;
      if (now - Math.max(f.lastGrowthAt, f.orphanedAt) >= this.settings.orphanGraceMs) await this.close(f, 'gone', now);
    }
  }

  checkpointState(now: number, retentionMs: number): CheckpointState {
    const entries: CheckpointEntry[] = [];
    for (const f of this.byKey.values()) {
      // Nothing read yet is nothing to resume; an empty entry would match any file on that inode.
      if (!f.decided || f.position.offset === 0) continue;
      const snap = f.snapshot();
      entries.push({
        path: f.view.path, dev: f.view.dev, ino: f.view.ino,
        offset: snap.position.offset, lines: snap.position.lines,
        headLen: snap.headLen, headHash: snap.headHash, tailLen: snap.tailLen, tailHash: snap.tailHash,
        seenAt: now,
      });
    }
    for (const entry of this.dormant.values()) if (now - entry.seenAt <= retentionMs) entries.push(entry);
    const retired = this.retired.filter((r) => now - r.at <= this.settings.copyWindowMs).map((r) => recordOf(r.snapshot));
    return { entries, retired };
  }

  statuses(): TailedFileStatus[] {
    return [...this.byKey.values()].map((f) => ({
      file: f.view, state: f.state, offset: f.offset, position: f.position, size: f.size,
    }));
  }

  async closeAll(reason: CloseReason, now: number): Promise<void> {
    for (const f of [...this.byKey.values()]) await this.close(f, reason, now);
  }

  private async look(f: TrackedFile, now: number): Promise<void> {
    if (f.closed) return;
    if (f.state === 'orphan') {
      const stat = await f.handle.stat({ bigint: true }).catch(() => undefined);
      if (stat) await this.observe(f, Number(stat.size), stat.mtimeNs, now);
      return;
    }
    const stat = await fs.stat(f.view.path, { bigint: true }).catch(() => undefined);
    if (!stat?.isFile() || identityKey(stat.dev, stat.ino) !== f.key) {
      await this.lose(f, now);
      return;
    }
    await this.observe(f, Number(stat.size), stat.mtimeNs, now);
  }

  /** The file's path no longer leads to it (rotated, replaced, deleted): read on through the handle. */
  private async lose(f: TrackedFile, now: number): Promise<void> {
    const path = f.view.path;
    if (this.byPath.get(path) === f) this.byPath.delete(path);
    this.hooks.requestScan();
    if (!f.decided) {
      await this.close(f, 'gone', now); // never opened to the consumer; found again if it moved
      return;
    }
    f.state = 'orphan';
    f.orphanedAt = now;
    f.scannedSinceOrphan = false;
    f.needsRead = true;
    f.atEof = false;
    this.lostPaths.set(path, f);
  }

  private async observe(f: TrackedFile, size: number, mtimeNs: bigint, now: number): Promise<void> {
    const changed = size !== f.size || mtimeNs !== f.mtimeNs;
    f.lookedAt = now;
    if (changed) f.changedAt = now;
    if (size !== f.size) f.sizeChangedAt = now;
    if (size > f.size) f.lastGrowthAt = now;
    f.size = size;
    f.mtimeNs = mtimeNs;
    if (!f.decided) {
      if (changed) f.head = await readAt(f.handle, 0, Math.min(size, SIGNATURE_BYTES));
      return;
    }
    // A rewrite that did not shrink the file is caught by the read that follows (readTurn).
    if (size < f.offset) await this.reset(f, 'truncated', now);
    if (size > f.offset) {
      f.needsRead = true;
      f.atEof = false;
    }
  }

  private async reset(f: TrackedFile, reason: ResetReason, now: number): Promise<void> {
    this.retire(f.snapshot(), now);
    this.consumer.onReset(f.view, reason);
    f.restart();
    f.head = await readAt(f.handle, 0, SIGNATURE_BYTES);
    this.positionsChanged = true;
  }

  private async discover(path: string, initial: boolean, now: number): Promise<void> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Gone between the listing and the open (rotated, deleted): the next scan finds it, or not.
      if (code !== 'ENOENT') this.hooks.warn('unreadable', `cannot open ${path}: ${code ?? String(err)}`, path);
      return;
    }
    try {
      // The identity of what was opened, which may differ from the stat a moment ago.
      const stat = await handle.stat({ bigint: true });
      const key = identityKey(stat.dev, stat.ino);
      if (!stat.isFile() || this.byKey.has(key)) {
        await handle.close();
        return;
      }
      const size = Number(stat.size);
      const head = await readAt(handle, 0, Math.min(size, SIGNATURE_BYTES));
      const f = new TrackedFile(this.nextId++, path, key, stat.dev, stat.ino, handle, size, stat.mtimeNs, head, initial, now);
      this.byKey.set(key, f);
      this.byPath.set(path, f);
      const previous = this.lostPaths.get(path);
      if (previous && !previous.closed) f.waitFor = previous;
      this.lostPaths.delete(path);
    } catch (err) {
      await handle.close().catch(() => undefined);
      this.hooks.warn('unreadable', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, path);
    }
  }

  private async resumeFromCheckpoint(f: TrackedFile, now: number): Promise<void> {
    const entry = this.dormant.get(f.key);
    if (!entry) return;
    this.dormant.delete(f.key);
    const snap = entrySnapshot(entry);
    if (await holdsSnapshot(f.handle, f.size, snap)) {
      await this.begin(f, snap.position, 'checkpoint');
    } else {
      // Same inode, other content (truncated, rewritten, or the inode was reused): read it anew.
      this.retire(snap, now);
    }
  }

  private async judge(f: TrackedFile, now: number): Promise<void> {
    const stable = f.initial || now - f.sizeChangedAt >= this.settings.pollIntervalMs;
    const verdict = await judgeCopy({ handle: f.handle, size: f.size, head: f.head, stable }, this.copyReferences(f, now));
    switch (verdict.kind) {
      case 'continue':
        await this.begin(f, verdict.snapshot.position, 'continuation');
        return;
      case 'covered':
        await this.begin(f, await lastLineBoundary(f.handle, f.size, this.settings.chunkBytes), 'continuation');
        return;
      case 'new':
        await this.begin(f, { offset: 0, lines: 0 }, 'new');
        return;
      case 'wait':
        // An empty file may wait for ever (nothing to read); anything else only for the copy window.
        if (f.size > 0 && now - f.discoveredAt >= this.settings.copyWindowMs) await this.begin(f, { offset: 0, lines: 0 }, 'new');
        return;
    }
  }

  /** Most recent evidence first; files found at start are peers, never copies of each other. */
  private copyReferences(f: TrackedFile, now: number): CopyReference[] {
    this.retired = this.retired.filter((r) => now - r.at <= this.settings.copyWindowMs);
    const refs: CopyReference[] = [];
    for (let i = this.retired.length - 1; i >= 0; i--) refs.push({ snapshot: (this.retired[i] as { snapshot: ContentSnapshot }).snapshot, live: false });
    if (!f.initial) {
      for (const other of this.byKey.values()) {
        if (other !== f && other.decided && sharePrefix(f.head, other.head)) refs.push({ snapshot: other.snapshot(), live: true });
      }
    }
    return refs;
  }

  private retire(snapshot: ContentSnapshot, now: number): void {
    if (snapshot.position.offset > 0) this.retired.push({ snapshot, at: now });
  }

  private async begin(f: TrackedFile, start: SplitterPosition, reason: StartReason): Promise<void> {
    const keep = Math.min(SIGNATURE_BYTES, start.offset);
    const before = keep > 0 ? await readAt(f.handle, start.offset - keep, keep) : Buffer.alloc(0);
    const historyEnd = f.initial && !this.settings.fromStart ? f.sizeAtDiscovery : 0;
    f.begin(start, reason, before, historyEnd);
    this.positionsChanged = true;
    this.consumer.onFileOpened(f.view);
  }

  /** Blocked while the file that held this path before a rotation is not read to its end. */
  private blocked(f: TrackedFile): boolean {
    const before = f.waitFor;
    if (!before) return false;
    if (before.closed || (before.atEof && !before.needsRead)) {
      f.waitFor = undefined;
      return false;
    }
    return true;
  }

  private async readOne(f: TrackedFile, buffer: Buffer): Promise<void> {
    const before = f.position.offset;
    try {
      if ((await f.readTurn(buffer, this.consumer)) === 'rewritten') await this.reset(f, 'rewritten', Date.now());
    } catch (err) {
      this.hooks.warn('unreadable', `cannot read ${f.view.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, f.view.path);
      await this.close(f, 'error', Date.now());
      return;
    }
    if (f.position.offset !== before) this.positionsChanged = true;
  }

  private async close(f: TrackedFile, reason: CloseReason, now: number): Promise<void> {
    if (f.closed) return;
    f.closed = true;
    this.byKey.delete(f.key);
    if (this.byPath.get(f.view.path) === f) this.byPath.delete(f.view.path);
    for (const [path, lost] of this.lostPaths) if (lost === f) this.lostPaths.delete(path);
    if (reason === 'gone' && f.decided) this.retire(f.snapshot(), now);
    await f.handle.close().catch(() => undefined);
    if (f.decided) {
      this.positionsChanged = true;
      this.consumer.onFileClosed(f.view, reason);
    }
  }
}
