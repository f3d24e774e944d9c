// Process helpers for the e2e driver: free ports, process groups, pid files, deadlines.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1 (the OS picks it; the tiny race before code-server binds it is accepted). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

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

export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`. Resolves once the group is gone. */
export async function killGroup(pgid, graceMs = 5000) {
  if (!Number.isInteger(pgid) || pgid <= 1 || pgid === process.pid) return;
  const send = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* already gone */
    }
  };
  if (!groupAlive(pgid)) return;
  send('SIGTERM');
  const until = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < until) await sleep(100);
  if (groupAlive(pgid)) {
    send('SIGKILL');
    const hard = Date.now() + 2000;
    while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
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
