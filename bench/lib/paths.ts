/** Where the bench finds the repository, its data folder and the built CLI. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json, walking up from this file (works from source and from the bundle). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bench'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** Generated data, bundles and profiles (git-ignored). */
export function dataDir(): string {
  return process.env.BENCH_DATA_DIR ?? join(repoRoot(), 'bench', 'data');
}
