// code-server for the demo when VS Code's `code` command is not available, set up as in
// shared/e2e-recipe.md: installed on first use by scripts/install-e2e.sh (Debian packages +
// code-server 4.99.4 from npm, offline apart from the npm registry and apt), all state under
// .e2e/demo, no telemetry, no marketplace, no trust prompt, loopback only, no password.
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { eachLine, freePort, sleep } from './processes.mjs';

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  // A newly installed extension's walkthrough would take the place of the workspace README.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/** The extension host starts when a browser opens the workbench: the editor is watching. */
const VIEWER_CONNECTED = /\[ExtensionHostConnection\].*Launched Extension Host Process/;

export function codeServerPaths(root) {
  const state = join(root, '.e2e', 'demo');
  return {
    // Where scripts/install-e2e.sh puts it (the e2e tests share the install).
    bin: join(process.env.RUNLENS_E2E_CS_DIR ?? join(root, '.e2e', 'cs'), 'node_modules', '.bin', 'code-server'),
    state,
    userData: join(state, 'user-data'),
    extensions: join(state, 'extensions'),
    log: join(state, 'code-server.log'),
  };
}

/** Installs code-server on first use (idempotent: a finished install is verified in seconds). */
export function ensureCodeServer(root, groups) {
  return groups.run('install', 'bash', [join(root, 'scripts', 'install-e2e.sh')], { cwd: root });
}

function environment(paths) {
  const dir = (name) => {
    const p = join(paths.state, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const tmp = dir('tmp');
  return {
    ...process.env,
    XDG_CONFIG_HOME: dir('xdg-config'), XDG_DATA_HOME: dir('xdg-data'), XDG_CACHE_HOME: dir('xdg-cache'),
    TMPDIR: tmp, XDG_RUNTIME_DIR: tmp, EXTENSIONS_GALLERY: '{}',
  };
}

/** A fresh user-data folder (settings, no stale workspace state) and the packaged extension installed. */
export async function installExtension(paths, vsix, groups) {
  rmSync(paths.userData, { recursive: true, force: true });
  mkdirSync(join(paths.userData, 'User'), { recursive: true });
  writeFileSync(join(paths.userData, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  await groups.run('install-extension', paths.bin, ['--user-data-dir', paths.userData, '--extensions-dir', paths.extensions, '--install-extension', vsix, '--force'], {
    env: environment(paths),
    capture: true,
  });
}

/**
 * Starts code-server on 127.0.0.1 with `folder` open and waits until it answers.
 * `onViewer` is called (once) when a browser has loaded the workbench.
 */
export async function startCodeServer({ paths, groups, folder, port, onViewer, onExit }) {
  const chosen = port ?? (await freePort());
  const args = [
    '--bind-addr', `127.0.0.1:${chosen}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', paths.userData, '--extensions-dir', paths.extensions,
    folder,
  ];
  const child = groups.start('code-server', paths.bin, args, { env: environment(paths), stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(paths.log);
  let viewer = false;
  let exited = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log, { end: false });
    eachLine(stream, (line) => {
      if (!viewer && VIEWER_CONNECTED.test(line)) {
        viewer = true;
        onViewer();
      }
    });
  }
  child.once('exit', (code, signal) => {
    exited = true;
    onExit(code, signal);
  });
  const until = Date.now() + 60_000;
  while (!(await healthy(chosen))) {
    if (exited) throw new Error(`code-server exited at start; see ${paths.log}`);
    if (Date.now() > until) throw new Error(`code-server did not answer on port ${chosen} within 60 s; see ${paths.log}`);
    await sleep(200);
  }
  return { url: `http://127.0.0.1:${chosen}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}` };
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}
