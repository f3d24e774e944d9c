/**
 * One watched source as the user wrote it: a file, a folder (walked for log files) or a
 * glob. A source that does not exist yet is listed as empty and looked at again on the
 * next scan, so it is picked up when it appears (as a file or as a folder).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isLogFile } from '../sourcePaths';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.runlens']);
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**', '**/.runlens/**'];

/** Compressed rotations (`app.log.2.gz`) are not tailed: they are finished copies of content already read. */
function isTailable(file: string): boolean {
  return !file.endsWith('.gz');
}

/** Where a hint watcher should look for one source, and which of its paths matter. */
export interface WatchRoot {
  readonly path: string;
  /** Folder levels below `path` to watch; undefined means all. */
  readonly depth: number | undefined;
  /** False for paths whose events can be ignored (`isDir` undefined when unknown). */
  accept(file: string, isDir: boolean | undefined): boolean;
}

export class SourceSpec {
  readonly isGlob: boolean;
  /** Absolute path, or absolute pattern for a glob. */
  readonly absolute: string;
  private readonly globBase: string;
  private readonly globMatch: (file: string) => boolean;

  constructor(readonly input: string, cwd: string) {
    this.isGlob = isDynamicPattern(input);
    this.absolute = path.resolve(cwd, input);
    if (this.isGlob) {
      const posix = this.absolute.split(path.sep).join('/');
      this.globBase = path.resolve(picomatch.scan(posix).base || '/');
      this.globMatch = picomatch(posix, { dot: true });
    } else {
      this.globBase = this.absolute;
      this.globMatch = () => false;
    }
  }

  /** Files this source matches now, in a stable order. */
  async list(): Promise<string[]> {
    if (this.isGlob) {
      try {
        const found = await glob(path.relative(this.globBase, this.absolute).split(path.sep).join('/'), {
          cwd: this.globBase, absolute: true, onlyFiles: true, followSymbolicLinks: true, dot: true, ignore: GLOB_IGNORE,
        });
        return found.map((f) => path.resolve(f)).filter(isTailable).sort();
      } catch {
        return [];
      }
    }
    const stat = await fs.stat(this.absolute).catch(() => undefined);
    if (stat?.isFile()) return [this.absolute];
    if (!stat?.isDirectory()) return [];
    const out: string[] = [];
    await walk(this.absolute, out, new Set());
    return out;
  }

  /** The folder to watch for this source, or undefined while it does not exist. */
  async watchRoot(): Promise<WatchRoot | undefined> {
    if (this.isGlob) {
      const base = this.globBase;
      const stat = await fs.stat(base).catch(() => undefined);
      if (!stat?.isDirectory()) return undefined;
      return {
        path: base,
        depth: undefined,
        accept: (file, isDir) => !SKIPPED_DIRS.has(path.basename(file)) && (isDir !== false || this.globMatch(file.split(path.sep).join('/'))),
      };
    }
    const stat = await fs.stat(this.absolute).catch(() => undefined);
    if (stat?.isDirectory()) {
      return {
        path: this.absolute,
        depth: undefined,
        accept: (file, isDir) => !SKIPPED_DIRS.has(path.basename(file)) && (isDir !== false || (isLogFile(file) && isTailable(file))),
      };
    }
    // A single file: watch its folder (to see it replaced or recreated), and only it.
    const dir = path.dirname(this.absolute);
    const dirStat = await fs.stat(dir).catch(() => undefined);
    if (!dirStat?.isDirectory()) return undefined;
    return { path: dir, depth: 0, accept: (file) => file === dir || file === this.absolute };
  }
}

async function walk(dir: string, out: string[], visited: Set<string>): Promise<void> {
  // Symlinked folders are followed; the real path guards against cycles.
  const real = await fs.realpath(dir).catch(() => dir);
  if (visited.has(real)) return;
  visited.add(real);
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await fs.stat(full).catch(() => undefined);
      isDir = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, out, visited);
    } else if (isFile && isLogFile(entry.name) && isTailable(entry.name)) {
      out.push(full);
    }
  }
}
