/**
 * Resolves the PATH arguments of the CLI (and the extension's source settings) to
 * files: a file as is, a folder walked for log files, anything else as a glob.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export const LOG_EXTENSIONS = ['.jsonl', '.ndjson', '.log', '.json'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.runlens']);

export class SourcePathError extends Error {}

export function isLogFile(file: string): boolean {
  const name = file.endsWith('.gz') ? file.slice(0, -3) : file;
  return LOG_EXTENSIONS.some((ext) => name.endsWith(ext)) || /\.log\.\d+$/.test(name);
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, out);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isLogFile(entry.name)) {
      out.push(full);
    }
  }
}

/** Files for the given arguments, de-duplicated, in argument order. Throws SourcePathError naming the first bad one. */
export async function resolveSourcePaths(args: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      await walk(abs, files);
    } else if (stat?.isFile()) {
      files.push(abs);
    } else if (isDynamicPattern(arg)) {
      const matches = await glob(arg, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.runlens/**'] });
      if (matches.length === 0) throw new SourcePathError(`no files match ${arg}`);
      files.push(...matches.sort());
    } else if (stat) {
      throw new SourcePathError(`not a file or folder: ${arg}`);
    } else {
      throw new SourcePathError(`no such file or folder: ${arg}`);
    }
  }
  return [...new Set(files)];
}
