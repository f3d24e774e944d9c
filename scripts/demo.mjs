// `npm run demo`: builds Runlens, starts a simulated marketing-agents system writing into a demo
// workspace's logs/, and opens that workspace with the extension installed:
//   * in VS Code when its `code` command is on PATH (installs the packaged .vsix);
//   * otherwise in code-server, installed on first use, and prints the URL to open;
//   * with --cli, follows the same run with `runlens watch` in this terminal instead.
// Ctrl-C (or SIGTERM) stops everything it started.
//
//   npm run demo [-- --cli] [--code-server] [--port N] [--workspace DIR] [--seed N] [--time-scale X]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { codeServerPaths, ensureCodeServer, installExtension, startCodeServer } from './demo/codeServer.mjs';
import { eachLine } from './lib/processes.mjs';
import { ProcessGroups, onPath } from './demo/processes.mjs';
import { prepareWorkspace } from './demo/workspace.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VSIX = join(ROOT, 'runlens.vsix');
const USAGE = 'usage: npm run demo [-- --cli] [--code-server] [--port N] [--workspace DIR] [--seed N] [--time-scale X]';
// Quiet time before the first incident, so it lands after the editor (or watch) is reading.
const ARM_AFTER_S = { cli: 20, code: 30, codeServer: 20 };
// Start the agents anyway if nobody opens the code-server URL for this long.
const VIEWER_WAIT_MS = 120_000;

const say = (text) => console.log(`[demo] ${text}`);
const groups = new ProcessGroups();
let stopping = false;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        cli: { type: 'boolean' },
        'code-server': { type: 'boolean' },
        port: { type: 'string' },
        workspace: { type: 'string' },
        seed: { type: 'string' },
        'time-scale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new Error(`--port expects a number, got ${values.port}`);
    return values;
  } catch (err) {
    console.error(`demo: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
}

async function shutdown(code, reason) {
  if (stopping) return;
  stopping = true;
  if (reason) say(reason);
  say('stopping…');
  await groups.stopAll(['simulator', 'watch', 'code-server', 'build', 'install', 'install-extension']);
  process.exit(code);
}

function startSimulator(logs, armAfterS, opts) {
  const args = ['--logs', logs, '--arm-after', String(armAfterS)];
  if (opts.seed !== undefined) args.push('--seed', opts.seed);
  if (opts['time-scale'] !== undefined) args.push('--time-scale', opts['time-scale']);
  // fork-style IPC channel: if this script dies, the simulator sees the disconnect and stops.
  const child = groups.start('simulator', process.execPath, [join(ROOT, 'dist', 'demo.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  eachLine(child.stdout, (line) => console.log(line));
  child.once('exit', (code, signal) => void shutdown(code === 0 ? 0 : 1, `the simulator exited (${signal ?? `code ${code}`})`));
  return child;
}

async function build(withPackage) {
  if (!withPackage) {
    say('building…');
    await groups.run('build', 'npm', ['run', '--silent', 'build'], { cwd: ROOT });
    return;
  }
  say('building and packaging the extension…');
  const output = await groups.run('build', 'npm', ['run', '--silent', 'package'], { cwd: ROOT, capture: true });
  say(output.split('\n').find((l) => l.includes('Packaged:'))?.replace(/^\s*DONE\s*/, '') ?? `packaged ${VSIX}`);
}

async function runCli(workspace, logs, opts) {
  say(`following ${logs} with \`runlens watch\`: one JSON line per alert state change`);
  // cwd = the workspace, so watch loads its .runlens/alerts.json on top of the shipped defaults.
  const watch = groups.start('watch', process.execPath, [join(ROOT, 'dist', 'cli.js'), 'watch', logs], { cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] });
  watch.once('exit', (code, signal) => void shutdown(1, `runlens watch exited (${signal ?? `code ${code}`})`));
  eachLine(watch.stdout, (line) => {
    console.log(line);
    if (!groups.has('simulator') && line.includes('"type":"ready"')) {
      say(`watch is ready; starting the agents (incidents from +${ARM_AFTER_S.cli} s)`);
      startSimulator(logs, ARM_AFTER_S.cli, opts);
    }
  });
}

async function runInCode(workspace, logs, opts) {
  say('installing the extension into VS Code (`code --install-extension`)…');
  await groups.run('code', 'code', ['--install-extension', VSIX, '--force'], { track: false });
  await groups.run('code', 'code', [workspace], { track: false });
  say(`opened ${workspace} in VS Code; trust the folder to load its .runlens/alerts.json`);
  startSimulator(logs, ARM_AFTER_S.code, opts);
  say('Ctrl-C stops the agents (the VS Code window stays open).');
}

async function runInCodeServer(workspace, logs, opts) {
  const paths = codeServerPaths(ROOT);
  say('checking code-server (installed on first use: Debian packages and code-server 4.99.4 from npm, about 2 minutes)…');
  await ensureCodeServer(ROOT, groups);
  await installExtension(paths, VSIX, groups);
  let fallback;
  const begin = (why) => {
    if (groups.has('simulator') || stopping) return;
    clearTimeout(fallback);
    say(`${why}: starting the agents (incidents from +${ARM_AFTER_S.codeServer} s)`);
    startSimulator(logs, ARM_AFTER_S.codeServer, opts);
  };
  const { url } = await startCodeServer({
    paths,
    groups,
    folder: workspace,
    port: opts.port === undefined ? undefined : Number(opts.port),
    onViewer: () => begin('the editor is open'),
    onExit: (code, signal) => void shutdown(1, `code-server exited (${signal ?? `code ${code}`}); see ${paths.log}`),
  });
  console.log(`\n  Runlens demo in code-server:  ${url}\n`);
  say('open that URL in a browser; the agents start once the editor has loaded, so the first alerts arrive live.');
  say(`(code-server log: ${paths.log}; Ctrl-C stops everything)`);
  fallback = setTimeout(() => begin(`nobody opened the editor within ${VIEWER_WAIT_MS / 1000} s`), VIEWER_WAIT_MS);
}

async function main() {
  const opts = options();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal === 'SIGINT' ? 130 : 143));
  process.on('exit', () => groups.killAllNow());
  // Stop with whatever started us: `npm run` passes SIGTERM to its shell, not to this script,
  // and a closed terminal or pipe makes output fail.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(143, 'the process that started the demo is gone'), 1000).unref();
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => void shutdown(1));
  const mode = opts.cli ? 'cli' : !opts['code-server'] && onPath('code') ? 'code' : 'codeServer';
  await build(mode !== 'cli');
  if (!existsSync(join(ROOT, 'dist', 'demo.js'))) throw new Error('dist/demo.js is missing after the build');
  const workspace = resolve(opts.workspace ?? join(ROOT, 'demo-workspace'));
  const logs = prepareWorkspace(workspace);
  say(`workspace: ${workspace}`);
  if (mode === 'cli') await runCli(workspace, logs, opts);
  else if (mode === 'code') await runInCode(workspace, logs, opts);
  else await runInCodeServer(workspace, logs, opts);
}

main().catch((err) => void shutdown(1, `failed: ${err.message}`));
