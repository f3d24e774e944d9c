// Child processes of `npm run demo`: each runs in its own process group (setsid), so stopping
// one also stops what it started (code-server's extension host, file watcher, pty host), and
// a Ctrl-C in the terminal reaches only the demo script, which then stops them in order.
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { groupAlive, killGroup } from '../lib/processes.mjs';

export function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** The process groups this script started, stopped together on exit. */
export class ProcessGroups {
  #groups = new Map();

  /**
   * Spawns `command` as the leader of a new process group (`detached` is setsid(2)).
   * `stdio` as for spawn; an 'ipc' entry makes it a fork-style channel.
   */
  start(name, command, args, options = {}) {
    const child = spawn(command, args, { ...options, detached: true });
    if (child.pid === undefined) throw new Error(`${name} did not start: ${command}`);
    const pgid = child.pid;
    this.#groups.set(name, pgid);
    // Forget a group once it is gone, so a later stop cannot signal a recycled process id.
    child.once('exit', () => {
      if (!groupAlive(pgid) && this.#groups.get(name) === pgid) this.#groups.delete(name);
    });
    return child;
  }

  /**
   * Runs a step to completion (its output shown, or returned with `capture`) and rejects when
   * it fails. Steps run as groups too, so Ctrl-C during a build or an install stops them.
   * `track: false` runs it in this script's group instead and never signals it: for `code`,
   * which may hand over to a VS Code window that is not ours to stop.
   */
  async run(name, command, args, { capture = false, track = true, ...options } = {}) {
    const stdio = capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'];
    const child = track ? this.start(name, command, args, { ...options, stdio }) : spawn(command, args, { ...options, stdio });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const [code, signal] = await new Promise((resolve) => {
      child.once('error', (err) => resolve([null, err.message]));
      child.once('close', (...status) => resolve(status));
    });
    if (track) await this.stop(name, 1000);
    if (code !== 0) throw new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})${output ? `:\n${output}` : ''}`);
    return output;
  }

  has(name) {
    return this.#groups.has(name);
  }

  /**
   * SIGTERM to the group, SIGKILL after `graceMs`; resolves once no process of the group is left
   * (the leader may exit before the rest: code-server's extension host outlives it briefly).
   */
  async stop(name, graceMs = 5000) {
    const pgid = this.#groups.get(name);
    if (pgid === undefined) return;
    this.#groups.delete(name);
    await killGroup(pgid, graceMs);
  }

  async stopAll(order) {
    for (const name of order) await this.stop(name);
    for (const name of [...this.#groups.keys()]) await this.stop(name);
  }

  /** Last resort when the script exits abruptly: signal every group, without waiting. */
  killAllNow() {
    for (const pgid of this.#groups.values()) signalGroup(pgid, 'SIGKILL');
  }
}

function signalGroup(pgid, signal) {
  if (!Number.isInteger(pgid) || pgid <= 1) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}
