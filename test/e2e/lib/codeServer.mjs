// code-server (VS Code 1.99.3 in the browser) as shared/e2e-recipe.md §2 runs it: own session
// (setsid via `detached`), all state under one folder, no marketplace, no auth, no trust prompt.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { deadline, freePort, killGroup, pgidOf, removePgid, sleep, writePgid } from './processes.mjs';

/** User settings seeded into <user-data>/User/settings.json (user settings are server-side). */
export const SEEDED_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
  // The workspace lives inside this repository (test-artifacts/): keep git from offering it.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

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
 * Starts code-server on a free loopback port and waits for GET /healthz = 200.
 * Returns { port, baseUrl, pgid, stop() }. `pidDir` gets a pid file for the outer sweep.
 */
export async function startCodeServer({ bin, name, stateDir, tmpDir, workspace, logFile, pidDir, env = {}, settings = {} }) {
  const dirs = stateDirs(stateDir, tmpDir);
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...SEEDED_SETTINGS, ...settings }, null, 2));
  const port = await freePort();
  const out = createWriteStream(logFile, { flags: 'a' });
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    workspace,
  ];
  const child = spawn(bin, args, {
    // detached = setsid(2): code-server leads a new session and process group (pid == pgid), so the
    // extension host, file watcher and pty host it forks are stopped together with one group kill.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache,
      TMPDIR: dirs.tmp, XDG_RUNTIME_DIR: dirs.tmp, EXTENSIONS_GALLERY: '{}',
      ...env,
    },
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`code-server (${name}) did not start: ${bin}`);
  const pgid = pgidOf(pid);
  if (pgid !== pid) throw new Error(`code-server (${name}): pid ${pid} is not its process group leader (pgid ${pgid})`);
  writePgid(pidDir, `code-server-${name}`, pgid);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const t = Date.now();
    await killGroup(pgid, 5000);
    removePgid(pidDir, `code-server-${name}`);
    out.end(`\n[e2e] code-server group ${pgid} stopped in ${Date.now() - t} ms\n`);
  };

  const t0 = Date.now();
  try {
    await deadline((async () => {
      for (;;) {
        if (exited) throw new Error(`code-server (${name}) exited early (${JSON.stringify(exited)}); see ${logFile}`);
        if (await healthz(port)) return;
        await sleep(150);
      }
    })(), 60_000, `code-server (${name}) /healthz`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, baseUrl: `http://127.0.0.1:${port}`, pgid, readyMs: Date.now() - t0, stop };
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

export function codeServerBin(csDir) {
  const bin = join(csDir, 'node_modules', '.bin', 'code-server');
  return existsSync(bin) ? bin : undefined;
}
