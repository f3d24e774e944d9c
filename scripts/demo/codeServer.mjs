// code-server for the demo when VS Code's `code` command is not available (scripts/lib/codeServer.mjs,
// shared with the e2e tests): installed on first use by scripts/install-e2e.sh (Debian packages +
// code-server 4.99.4 from npm, offline apart from the npm registry and apt), all state under
// .e2e/demo, no password.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEnv, startCodeServer as start, stateDirs, writeUserSettings } from '../lib/codeServer.mjs';

/** Added to the shared settings: a newly installed extension's walkthrough would take the place of the workspace README. */
const DEMO_SETTINGS = { 'workbench.welcomePage.walkthroughs.openOnInstall': false };

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

/** A fresh user-data folder (settings, no stale workspace state) and the packaged extension installed. */
export async function installExtension(paths, vsix, groups) {
  rmSync(paths.userData, { recursive: true, force: true });
  const dirs = stateDirs(paths.state);
  writeUserSettings(dirs, DEMO_SETTINGS);
  await groups.run('install-extension', paths.bin, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(dirs),
    capture: true,
  });
}

/**
 * Starts code-server on 127.0.0.1 with `folder` open and waits until it answers.
 * `onViewer` is called (once) when a browser has loaded the workbench.
 */
export async function startCodeServer({ paths, groups, folder, port, onViewer, onExit }) {
  rmSync(paths.log, { force: true });
  let viewer = false;
  const { baseUrl } = await start({
    bin: paths.bin,
    name: 'demo',
    dirs: stateDirs(paths.state),
    folder,
    port,
    logFile: paths.log,
    spawnLeader: (command, args, options) => groups.start('code-server', command, args, options),
    onLine: (line) => {
      if (!viewer && VIEWER_CONNECTED.test(line)) {
        viewer = true;
        onViewer();
      }
    },
    onExit,
  });
  return { url: `${baseUrl}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}` };
}
