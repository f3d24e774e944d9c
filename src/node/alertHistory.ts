/**
 * `.runlens/alerts-history.jsonl`: every notified alert state change, one
 * `{"type": "alert"|"resolved", ...Alert.to_dict}` line each. Read back on start so a
 * reload restores cooldowns instead of notifying again (design §5, checklist 23).
 * Historical changes (replayed from content that existed when a source was opened) are
 * never written: they are recomputed on every open.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AlertEngine } from '../core/alerts/alertEngine';
import { toAlertLine, type AlertChange, type AlertLine } from '../core/alerts/alertDict';

export const ALERT_HISTORY_FILE = path.join('.runlens', 'alerts-history.jsonl');
/** Past this size the file is compacted to its newest half. */
export const ALERT_HISTORY_MAX_BYTES = 4 * 1024 * 1024;

function endsWithNewline(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 10;
  } finally {
    closeSync(fd);
  }
}

/** Appends the notified (non-historical) changes; returns how many lines were written. */
export function appendAlertHistory(file: string, changes: readonly AlertChange[], maxBytes = ALERT_HISTORY_MAX_BYTES): number {
  const lines = changes.filter((c) => !c.historical).map((c) => JSON.stringify(toAlertLine(c)));
  if (lines.length === 0) return 0;
  mkdirSync(path.dirname(file), { recursive: true });
  // A line torn by a crash must not swallow the next record.
  const lead = endsWithNewline(file) ? '' : '\n';
  appendFileSync(file, `${lead}${lines.join('\n')}\n`);
  if (statSync(file).size > maxBytes) compactAlertHistory(file, maxBytes / 2);
  return lines.length;
}

/** Keeps the newest records that fit in `keepBytes`, replacing the file atomically. */
export function compactAlertHistory(file: string, keepBytes: number): void {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const kept: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > keepBytes) break;
    kept.push(line);
  }
  kept.reverse();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, kept.length > 0 ? `${kept.join('\n')}\n` : '');
  renameSync(temp, file);
}

function isAlertLine(value: unknown): value is AlertLine {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (v.type === 'alert' || v.type === 'resolved') && typeof v.rule_name === 'string' && typeof v.timestamp === 'string';
}

/** The history's records, oldest first; torn, foreign or malformed lines are skipped. No file: none. */
export function readAlertHistory(file: string, maxRecords = 10_000): AlertLine[] {
  if (!existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const records: AlertLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (isAlertLine(parsed)) records.push(parsed);
  }
  return records.length > maxRecords ? records.slice(records.length - maxRecords) : records;
}

/** Reads the history into an alert engine's cooldown state; returns the records for views. */
export function restoreAlertHistory(alerts: AlertEngine, file: string): AlertLine[] {
  const records = readAlertHistory(file);
  alerts.restore(records);
  return records;
}
