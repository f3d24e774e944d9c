/**
 * The tailing engine: watches sources (files, folders, globs; ones that appear later;
 * symlinks) and delivers every file identity's new bytes, in order, to a consumer.
 *
 * One loop does everything, one step at a time, so no two steps race:
 *   look   stat every file (the truth) every poll interval, or just the hinted paths;
 *   scan   list folders and globs (every scan interval, on structural hints, after a rotation);
 *   decide where new identities start (checkpoint, copy of known content, byte 0);
 *   read   one bounded chunk per ready file per round (fairness);
 *   close  rotated-away or deleted files once read to the end and idle;
 *   save   the checkpoint when positions moved.
 * Watcher events only wake the loop early.
 */
import { readCheckpointFile, writeCheckpointFile } from './checkpoint';
import { FileSet } from './fileSet';
import { chokidarHints, isNetworkFileSystem, type HintWatcher, type HintWatcherFactory } from './hintWatcher';
import { SourceSpec } from './sourceSpec';
import type { TailConsumer, TailedFileStatus, TailOptions, TailWarningCode } from './types';

const DEFAULTS = {
  pollIntervalMs: 300,
  scanIntervalMs: 1000,
  chunkBytes: 256 * 1024,
  checkpointIntervalMs: 1000,
  checkpointRetentionMs: 7 * 24 * 3600 * 1000,
  orphanGraceMs: 1000,
  copyWindowMs: 10_000,
  readConcurrency: 4,
};

/** Reading goes on this long between two looks at hints. */
const READ_BUDGET_MS = 50;

/** How long `start()` waits for OS watchers to be ready before relying on polling alone. */
const WATCHER_READY_TIMEOUT_MS = 2000;

export class Tailer {
  private readonly specs: SourceSpec[];
  private readonly set: FileSet;
  private readonly options: Required<Omit<TailOptions, 'checkpointPath' | 'watcherFactory' | 'cwd'>>;
  private readonly watcherFactory: HintWatcherFactory;
  private readonly watchers = new Map<SourceSpec, HintWatcher>();
  private polling: boolean;
  private readonly hinted = new Set<string>();
  private scanRequested = false;
  private lastLookAt = 0;
  private lastScanAt = 0;
  private lastCheckpointAt = 0;
  private readonly warned = new Set<string>();
  private startup: Promise<void> | undefined;
  private started = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** settle() callers waiting for a full look and scan, then for every ready file to be read. */
  private settleRequested: Array<() => void> = [];
  private settling: Array<() => void> = [];

  constructor(
    sources: readonly string[],
    private readonly consumer: TailConsumer,
    private readonly tailOptions: TailOptions = {},
  ) {
    const cwd = tailOptions.cwd ?? process.cwd();
    this.specs = sources.map((s) => new SourceSpec(s, cwd));
    this.options = {
      ...DEFAULTS,
      fromStart: false,
      usePolling: false,
      ...Object.fromEntries(Object.entries(tailOptions).filter(([, v]) => v !== undefined)),
    } as Tailer['options'];
    this.watcherFactory = tailOptions.watcherFactory ?? chokidarHints;
    this.polling = this.options.usePolling;
    this.set = new FileSet(consumer, this.options, {
      warn: (code, message, path) => this.warnOnce(code, message, path),
      requestScan: () => {
        this.scanRequested = true;
      },
    });
  }

  /**
   * Loads the checkpoint, opens what the sources match now (its content is history unless
   * `fromStart`), starts watching, and starts reading in the background. Resolves once
   * tailing: later appends will be delivered.
   */
  start(): Promise<void> {
    if (this.startup || this.closed) throw new Error('Tailer.start() may be called once, before close()');
    this.startup = this.begin();
    return this.startup;
  }

  private async begin(): Promise<void> {
    const path = this.tailOptions.checkpointPath;
    if (path !== undefined) {
      const read = await readCheckpointFile(path);
      if (read.kind === 'ok') this.set.restore(read.state, Date.now());
      if (read.kind === 'invalid') this.warnOnce('checkpoint-ignored', `checkpoint ${path} ignored (${read.reason}); reading from the start`, path);
    }
    await this.startWatchers();
    const now = Date.now();
    await this.set.adopt(await this.listSources(), true, now);
    await this.set.decidePending(now, true);
    this.lastLookAt = this.lastScanAt = now;
    this.started = true;
    if (!this.closed) this.loop = this.run();
  }

  /**
   * Resolves after a full look at every file and source, once everything found is read to
   * its end (files still being judged as possible copies excepted). For tests and for a
   * caller that wants "caught up" without sleeping.
   */
  settle(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.settleRequested.push(resolve);
      this.wake();
    });
  }

  /** Every identity being tailed, with its read position. */
  files(): TailedFileStatus[] {
    return this.set.statuses();
  }

  /** True when OS watching is off (asked for, failed, or a network folder). */
  get isPolling(): boolean {
    return this.polling;
  }

  /** Writes the checkpoint now (when a path was given). */
  async checkpoint(): Promise<void> {
    const path = this.tailOptions.checkpointPath;
    if (path === undefined) return;
    const now = Date.now();
    this.set.positionsChanged = false;
    this.lastCheckpointAt = now;
    try {
      await writeCheckpointFile(path, this.set.checkpointState(now, this.options.checkpointRetentionMs));
    } catch (err) {
      this.set.positionsChanged = true;
      this.warnOnce('checkpoint-write-failed', `cannot write checkpoint ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, path);
    }
  }

  /** Stops reading, writes the checkpoint, releases every handle, watcher and timer. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.startup?.catch(() => undefined);
    await this.loop;
    await Promise.all([...this.watchers.values()].map((w) => w.close().catch(() => undefined)));
    this.watchers.clear();
    if (this.started && this.set.positionsChanged) await this.checkpoint();
    await this.set.closeAll('shutdown', Date.now());
    for (const resolve of [...this.settleRequested, ...this.settling]) resolve();
    this.settleRequested = [];
    this.settling = [];
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        await this.step();
      } catch (err) {
        // A step failing (e.g. EMFILE while listing) must not stop tailing: the next one retries.
        this.warnOnce('unreadable', `tailing step failed: ${(err as Error).message}`);
      }
      if (this.closed) break;
      if (this.settling.length > 0 && !this.set.hasReadyWork()) {
        for (const resolve of this.settling) resolve();
        this.settling = [];
      }
      if (!this.set.hasReadyWork() && this.settleRequested.length === 0 && this.hinted.size === 0 && !this.scanRequested) {
        await this.sleep(this.nextWakeDelay());
      }
    }
  }

  private async step(): Promise<void> {
    const now = Date.now();
    const settling = this.settleRequested.length > 0;
    if (settling) {
      this.settling.push(...this.settleRequested);
      this.settleRequested = [];
      this.scanRequested = true;
    }
    const scan = this.scanRequested || now - this.lastScanAt >= this.options.scanIntervalMs;
    const lookAll = scan || now - this.lastLookAt >= this.options.pollIntervalMs;
    const hinted = [...this.hinted];
    this.hinted.clear();
    if (lookAll) {
      this.lastLookAt = now;
      await this.set.lookAll(now, this.idleLookMs, settling);
    } else if (hinted.length > 0 && !(await this.set.lookAt(hinted, now))) {
      this.scanRequested = true;
    }
    if (scan || this.scanRequested) {
      this.scanRequested = false;
      this.lastScanAt = now;
      if (!lookAll) await this.set.lookAll(now, this.idleLookMs, settling);
      await this.startWatchers();
      await this.set.adopt(await this.listSources(), false, now);
    }
    if (lookAll || scan || hinted.length > 0) await this.set.decidePending(now, false);
    await this.set.readRounds(READ_BUDGET_MS, () => this.closed, () => this.hinted.size > 0 || this.settleRequested.length > 0);
    await this.set.closeIdleOrphans(Date.now());
    if (this.set.positionsChanged && Date.now() - this.lastCheckpointAt >= this.options.checkpointIntervalMs) await this.checkpoint();
  }

  /**
   * How often an idle file is looked at. With OS watching, hints report its changes at once
   * and the look is a safety net; when polling, it is how soon an idle file's growth is seen.
   */
  private get idleLookMs(): number {
    return this.options.pollIntervalMs * (this.polling ? 4 : 8);
  }

  private nextWakeDelay(): number {
    const now = Date.now();
    const nextLook = this.lastLookAt + this.options.pollIntervalMs;
    const nextScan = this.lastScanAt + this.options.scanIntervalMs;
    return Math.max(1, Math.min(nextLook, nextScan) - now);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }

  private wake(): void {
    this.wakeUp?.();
  }

  private async listSources(): Promise<string[]> {
    const lists = await Promise.all(this.specs.map((s) => s.list()));
    return [...new Set(lists.flat())];
  }

  /** Starts an OS watcher for every source whose folder exists (again), unless polling. */
  private async startWatchers(): Promise<void> {
    for (const spec of this.specs) {
      if (this.polling || this.closed) return;
      if (this.watchers.has(spec)) continue;
      const root = await spec.watchRoot();
      if (!root || this.polling || this.closed) continue;
      if (await isNetworkFileSystem(root.path)) {
        this.fallBackToPolling(`${root.path} is on a network file system`);
        return;
      }
      try {
        this.watchers.set(spec, this.watcherFactory(root, {
          changed: (file) => this.hint(file, false),
          structure: (file) => this.hint(file, true),
          failed: (error) => this.fallBackToPolling((error as NodeJS.ErrnoException).code ?? error.message),
        }));
      } catch (err) {
        this.fallBackToPolling((err as NodeJS.ErrnoException).code ?? String(err));
        return;
      }
    }
    if (!this.started) await this.watchersReady();
  }

  /** Gives OS watchers a moment to register so appends right after start() are hinted. */
  private async watchersReady(): Promise<void> {
    const ready = [...this.watchers.values()].map((w) => w.ready);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(ready),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, WATCHER_READY_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  private hint(file: string, structural: boolean): void {
    if (this.closed || this.polling) return;
    this.hinted.add(file);
    if (structural) this.scanRequested = true;
    this.wake();
  }

  private fallBackToPolling(why: string): void {
    const watchers = [...this.watchers.values()];
    this.watchers.clear();
    for (const w of watchers) void w.close().catch(() => undefined);
    if (this.polling) return;
    this.polling = true;
    this.warnOnce(
      'watcher-fallback',
      `file watching unavailable (${why}); polling every ${this.options.pollIntervalMs} ms instead`,
    );
  }

  private warnOnce(code: TailWarningCode, message: string, path?: string): void {
    const key = `${code}:${path ?? ''}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.consumer.onWarning?.(path === undefined ? { code, message } : { code, message, path });
  }
}
