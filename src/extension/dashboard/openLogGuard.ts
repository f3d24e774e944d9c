/**
 * Which `openLog` requests from the webview are honoured (no vscode import, unit-tested).
 * A webview message is untrusted input: the path must be exactly a log file the engine
 * follows (so never `/etc/passwd`, `~/.ssh/id_rsa` or a file of another folder) and the
 * line a positive integer.
 */
import { isAbsolute } from 'node:path';

export type OpenLogDecision = { ok: true; path: string; line: number } | { ok: false; reason: string };

export function checkOpenLog(path: string, line: number, followed: readonly string[]): OpenLogDecision {
  if (!Number.isSafeInteger(line) || line < 1) return { ok: false, reason: 'line is not a positive integer' };
  if (path.length === 0 || path.includes('\u0000') || !isAbsolute(path)) return { ok: false, reason: 'path is not absolute' };
  if (!followed.includes(path)) return { ok: false, reason: 'path is not a log file Runlens follows' };
  return { ok: true, path, line };
}
