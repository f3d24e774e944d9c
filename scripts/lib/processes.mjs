// Process helpers shared by `npm run demo` (scripts/demo) and the e2e driver (test/e2e/run.mjs):
// free ports, output lines, and process groups (a child started with `detached` is setsid(2):
// the leader of a new group, pid == pgid, so one group signal also stops what it started).
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A free TCP port on 127.0.0.1 (the OS picks it; the tiny race before the server binds it is accepted). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Calls `onLine` for each line a stream writes. */
export function eachLine(stream, onLine) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once no process of the group is
 * left (the leader may exit before the rest: code-server's extension host outlives it briefly).
 */
export async function killGroup(pgid, graceMs = 5000) {
  if (!Number.isInteger(pgid) || pgid <= 1 || pgid === process.pid) return;
  const send = (signal) => {
    try {
      process.kill(-pgid, signal);
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
