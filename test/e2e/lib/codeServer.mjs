// code-server for the e2e driver: scripts/lib/codeServer.mjs (shared with `npm run demo`) in its own
// session (setsid via `detached`), fresh state per suite kind, with a pid file for the outer sweep.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { startCodeServer as start, stateDirs, writeUserSettings } from '../../../scripts/lib/codeServer.mjs';
import { killGroup } from '../../../scripts/lib/processes.mjs';
import { pgidOf, removePgid, writePgid } from './processes.mjs';

export { codeServerBin, workbenchUrl } from '../../../scripts/lib/codeServer.mjs';

/** Settings the tests add to the shared ones. */
const E2E_SETTINGS = {
  'workbench.tips.enabled': false,
  // The workspace lives inside this repository (test-artifacts/): keep git from offering it.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Starts code-server on a free loopback port and waits for GET /healthz = 200.
 * Returns { port, baseUrl, pgid, readyMs, stop() }. `pidDir` gets a pid file for the outer sweep.
 */
export async function startCodeServer({ bin, name, stateDir, tmpDir, workspace, logFile, pidDir, env = {}, settings = {} }) {
  const dirs = stateDirs(stateDir, tmpDir);
  writeUserSettings(dirs, { ...E2E_SETTINGS, ...settings });
  const log = createWriteStream(logFile, { flags: 'a' });
  let pgid;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (pgid === undefined) return void log.end();
    const t = Date.now();
    await killGroup(pgid, 5000);
    removePgid(pidDir, `code-server-${name}`);
    log.end(`\n[e2e] code-server group ${pgid} stopped in ${Date.now() - t} ms\n`);
  };
  const spawnLeader = (command, args, options) => {
    // detached = setsid(2): code-server leads a new session and process group (pid == pgid), so the
    // extension host, file watcher and pty host it forks are stopped together with one group kill.
    const child = spawn(command, args, { ...options, detached: true });
    const pid = child.pid;
    if (pid === undefined) throw new Error(`code-server (${name}) did not start: ${command}`);
    const group = pgidOf(pid);
    if (group !== pid) throw new Error(`code-server (${name}): pid ${pid} is not its process group leader (pgid ${group})`);
    pgid = group;
    writePgid(pidDir, `code-server-${name}`, pgid);
    return child;
  };
  try {
    const cs = await start({ bin, name, dirs, folder: workspace, logFile, log, env, spawnLeader });
    return { port: cs.port, baseUrl: cs.baseUrl, pgid, readyMs: cs.readyMs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
