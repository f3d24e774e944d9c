/**
 * OS file watching (chokidar) reduced to hints: "this path may have changed" or "files may
 * have appeared or gone". The Tailer's periodic stat stays the truth, so a lost or late
 * event costs latency, never lines. When the OS runs out of watches (ENOSPC, EMFILE) the
 * watcher reports failure and the Tailer polls instead.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { watch } from 'chokidar';
import type { WatchRoot } from './sourceSpec';

export interface HintHandlers {
  /** A file's content may have changed. */
  changed(file: string): void;
  /** Files or folders may have appeared, vanished or been renamed. */
  structure(file: string): void;
  /** Watching cannot go on (OS limits): poll instead. */
  failed(error: Error): void;
}

export interface HintWatcher {
  /** Settles once the watcher sees events (optional: polling covers the gap). */
  readonly ready?: Promise<void>;
  close(): Promise<void>;
}

export type HintWatcherFactory = (root: WatchRoot, handlers: HintHandlers) => HintWatcher;

const LIMIT_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/** True for errors that mean "no more OS watches", as opposed to one unreadable folder. */
export function isWatchLimitError(error: unknown): boolean {
  return LIMIT_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}

export const chokidarHints: HintWatcherFactory = (root, handlers) => {
  let failed = false;
  const fail = (error: Error): void => {
    if (failed) return;
    failed = true;
    handlers.failed(error);
  };
  const watcher = watch(root.path, {
    ignoreInitial: true,
    followSymlinks: true,
    // Not persistent: the Tailer's own timers keep the process alive while it runs, and a watch
    // chokidar fails to release (it leaks one when a watched folder is deleted just before close)
    // must not keep it alive after close().
    persistent: false,
    // Unlink-then-add is exactly what a rotation looks like: report it, don't merge it into "change".
    atomic: false,
    ...(root.depth === undefined ? {} : { depth: root.depth }),
    ignored: (file, stats) => !root.accept(file, stats ? stats.isDirectory() : undefined),
  });
  watcher.on('change', (file) => handlers.changed(file));
  // chokidar drops a 'change' that follows another within a few milliseconds (and some after
  // reads); the raw OS events are not throttled, so they are the faster, surer hint.
  watcher.on('raw', (event, name, details) => {
    const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if (typeof watched !== 'string' || typeof name !== 'string' || name === '') return;
    const file = path.basename(watched) === name ? watched : path.join(watched, name);
    if (event === 'rename') handlers.structure(file);
    else handlers.changed(file);
  });
  for (const event of ['add', 'unlink', 'addDir', 'unlinkDir'] as const) {
    watcher.on(event, (file) => handlers.structure(file));
  }
  watcher.on('error', (error) => {
    if (isWatchLimitError(error)) fail(error as Error);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: () => watcher.close() };
};

// statfs magic numbers (Linux) of file systems whose changes inotify does not see.
const NETWORK_FS_TYPES = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x01021997, // 9p (WSL's view of Windows drives)
  0x65735546, // FUSE (sshfs and friends)
  0x0bd00bd0, // Lustre
  0x47504653, // GPFS
  0x6b414653, // AFS
  0x73757245, // Coda
]);

/** True when `dir` lives on a network file system, where OS watching misses remote writes. */
export async function isNetworkFileSystem(dir: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  try {
    const stats = await fs.statfs(dir);
    return NETWORK_FS_TYPES.has(stats.type >>> 0);
  } catch {
    return false;
  }
}
