// esbuild, one entry per target (extension host, engine worker, webview, CLI).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// ESM dependencies (fdir, chokidar) read import.meta.url; give the CJS bundles a real one.
const nodeShim = {
  define: { 'import.meta.url': '__runlensImportMetaUrl' },
  inject: ['scripts/importMetaUrl.js'],
};

const targets = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, ...nodeShim },
  // jsonc-parser's "main" is a UMD build whose require('./impl/...') calls esbuild cannot follow
  // (the packaged extension then fails to activate): bundle its ES module build instead.
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' }, ...nodeShim },
  { entryPoints: ['src/node/worker/engineWorker.ts'], outfile: 'dist/engineWorker.js', platform: 'node', format: 'cjs', target: 'node20', ...nodeShim },
  { entryPoints: ['src/node/parallel/parseWorker.ts'], outfile: 'dist/parseWorker.js', platform: 'node', format: 'cjs', target: 'node20', ...nodeShim },
  // The runlens logger for TypeScript agents, as a library: require('runlens/dist/logger.js').
  { entryPoints: ['src/logger/index.ts'], outfile: 'dist/logger.js', platform: 'node', format: 'cjs', target: 'node20' },
  // `npm run demo`'s simulated agent system (scripts/demo.mjs runs it).
  { entryPoints: ['src/demo/main.ts'], outfile: 'dist/demo.js', platform: 'node', format: 'cjs', target: 'node20' },
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview/dashboard.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((t) => existsSync(t.entryPoints[0]));

if (watch) {
  for (const t of targets) await (await esbuild.context({ ...common, ...t })).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
}
