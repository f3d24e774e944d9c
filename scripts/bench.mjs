// `npm run bench [-- --lines 100000 --runs 3 --profile --no-jq]`
// Builds dist/cli.js (scripts/build.mjs), bundles bench/run.ts and bench/worker.ts with the
// same esbuild settings as the CLI into bench/data/build/ (git-ignored), then runs them, so
// the in-process numbers measure the code the CLI ships, without a TypeScript loader.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

await esbuild.build({
  // parseWorker: loadEngine's parallel read looks for it beside the running bundle, as the CLI's does in dist/.
  entryPoints: ['bench/run.ts', 'bench/worker.ts', { in: 'src/node/parallel/parseWorker.ts', out: 'parseWorker' }],
  outdir: 'bench/data/build',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // As in scripts/build.mjs: ESM dependencies read import.meta.url.
  define: { 'import.meta.url': '__runlensImportMetaUrl' },
  inject: ['scripts/importMetaUrl.js'],
});

const run = spawnSync(process.execPath, ['bench/data/build/run.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
