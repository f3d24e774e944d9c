// code-server (VS Code 1.99.3 in the browser) as shared/e2e-recipe.md §2 runs it, for `npm run demo`
// (scripts/demo/codeServer.mjs) and the e2e driver (test/e2e/lib/codeServer.mjs): installed by
// scripts/install-e2e.sh, all state under one folder, no telemetry, no marketplace, no auth, no
// trust prompt, loopback only. The caller starts the process as the leader of its own process
// group (so it can stop the extension host, file watcher and pty host with it).
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { eachLine, freePort, sleep } from './processes.mjs';

/** User settings seeded into <user-data>/User/settings.json (user settings are server-side). */
export const SEEDED_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
};

/** The code-server that scripts/install-e2e.sh installed in `csDir`, or undefined. */
export function codeServerBin(csDir) {
  const bin = join(csDir, 'node_modules', '.bin', 'code-server');
  return existsSync(bin) ? bin : undefined;
}

/**
 * The state folders of one code-server instance, all under `stateDir` except `tmp` (TMPDIR and
 * XDG_RUNTIME_DIR, where the IPC sockets go: keep its path short, sockets are limited to 108 bytes).
 */
export function stateDirs(stateDir, tmpDir = join(stateDir, 'tmp')) {
  const d = {
    userData: join(stateDir, 'user-data'),
    extensions: join(stateDir, 'extensions'),
    xdgConfig: join(stateDir, 'xdg-config'),
    xdgData: join(stateDir, 'xdg-data'),
    xdgCache: join(stateDir, 'xdg-cache'),
    tmp: tmpDir,
  };
  for (const p of Object.values(d)) mkdirSync(p, { recursive: true });
  return d;
}

/** SEEDED_SETTINGS and `settings` as the user settings of `dirs.userData`. */
export function writeUserSettings(dirs, settings = {}) {
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...SEEDED_SETTINGS, ...settings }, null, 2)}\n`);
}

/** The environment of code-server and its CLI: state in `dirs`, no extension gallery. */
export function codeServerEnv(dirs, env = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp, XDG_RUNTIME_DIR: dirs.tmp, EXTENSIONS_GALLERY: '{}',
    ...env,
  };
}

function healthz(port) {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 (`port`, or a free one) with `folder` open and waits up to 60 s
 * for GET /healthz = 200. `spawnLeader(command, args, options)` spawns it as a process group
 * leader and returns the child. Its output is appended to `log` (a stream; by default one on
 * `logFile`); `onLine` sees each line, `onExit(code, signal)` is called when it exits.
 * Returns { child, port, baseUrl, readyMs }.
 */
export async function startCodeServer({ bin, name, dirs, folder, port, logFile, log = createWriteStream(logFile, { flags: 'a' }), env, spawnLeader, onLine, onExit }) {
  const chosen = port ?? (await freePort());
  const args = [
    '--bind-addr', `127.0.0.1:${chosen}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    folder,
  ];
  const child = spawnLeader(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(dirs, env) });
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log, { end: false });
    if (onLine) eachLine(stream, onLine);
  }
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    onExit?.(code, signal);
  });
  const t0 = Date.now();
  while (!(await healthz(chosen))) {
    if (exited) throw new Error(`code-server (${name}) exited at start (${JSON.stringify(exited)}); see ${logFile}`);
    if (Date.now() - t0 > 60_000) throw new Error(`code-server (${name}) did not answer on port ${chosen} within 60 s; see ${logFile}`);
    await sleep(150);
  }
  return { child, port: chosen, baseUrl: `http://127.0.0.1:${chosen}`, readyMs: Date.now() - t0 };
}

/**
 * The workbench URL for `folder`, loading `extensionPath` as an extension under development and,
 * when given, running the extension-host tests at `testsPath` (recipe §4, §5).
 */
export function workbenchUrl(baseUrl, { folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://${new URL(baseUrl).host}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
