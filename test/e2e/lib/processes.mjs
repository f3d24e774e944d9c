// Process helpers for the e2e driver: pid files, deadlines, processes found by environment
// (free ports and process groups: scripts/lib/processes.mjs, shared with `npm run demo`).
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../../../scripts/lib/processes.mjs';

/** Process group of `pid` from /proc (field 5 of /proc/PID/stat), or undefined when gone. */
export function pgidOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[2]);
  } catch {
    return undefined;
  }
}

/** Pid files: <dir>/<name>.pgid holds a process group this run started (read by the outer sweep). */
export function writePgid(dir, name, pgid) {
  writeFileSync(join(dir, `${name}.pgid`), `${pgid}\n`);
}
export function removePgid(dir, name) {
  rmSync(join(dir, `${name}.pgid`), { force: true });
}
export function recordedPgids(dir) {
  let names = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.pgid'));
  } catch {
    return [];
  }
  return names.map((n) => ({ name: n.slice(0, -5), pgid: Number(readFileSync(join(dir, n), 'utf8').trim()) }));
}

/** Rejects after `ms` with `what` in the message; the timer never keeps the process alive. */
export function deadline(promise, ms, what) {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/**
 * Pids of processes whose environment has `key` = a path inside `dir` (read from
 * /proc/PID/environ, as root or same user). Every process a run starts inherits its own
 * TMPDIR under the run's unique temp folder, including the ones that leave the process group
 * (Chromium's crashpad handler, terminal shells in their own session).
 */
export function pidsWithEnvUnder(key, dir) {
  const want = `${key}=${dir}`;
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let env;
    try {
      env = readFileSync(`/proc/${name}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (env.split('\0').some((e) => e === want || e.startsWith(`${want}/`))) pids.push(Number(name));
  }
  return pids;
}

/** SIGTERM, then SIGKILL after `graceMs`, to single processes. */
export async function killPids(pids, graceMs = 3000) {
  const alive = (p) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  const send = (p, sig) => {
    try {
      process.kill(p, sig);
    } catch {
      /* gone */
    }
  };
  pids.forEach((p) => send(p, 'SIGTERM'));
  const until = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < until) await sleep(100);
  pids.filter(alive).forEach((p) => send(p, 'SIGKILL'));
}
