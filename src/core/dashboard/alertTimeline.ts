/**
 * Alert rows and firing periods for the dashboard, from the worker's alert log (recent
 * transitions, newest first, capped) and the streams firing now.
 */
import type { AlertChange } from '../alerts/alertDict';
import { clipText } from './text';
import type { AlertInterval, AlertRow } from './types';

export interface AlertEntry {
  change: AlertChange;
  live: boolean;
}

export function alertRow(entry: AlertEntry): AlertRow {
  const { change } = entry;
  const source = change.alert.metadata.source;
  return {
    at: change.at,
    state: change.type === 'alert' ? 'firing' : 'resolved',
    rule: clipText(change.alert.rule_name),
    severity: change.alert.severity,
    message: clipText(change.alert.message),
    live: entry.live,
    path: source ? source.path : null,
    line: source ? source.line : null,
  };
}

/**
 * Firing periods per stream, oldest first: an `alert` opens one (a repeat while open
 * keeps it), a `resolved` closes it. Streams firing when the log starts (their `alert`
 * fell off the capped log) open at the axis start.
 */
export function alertIntervals(entries: readonly AlertEntry[], firingNow: readonly AlertEntry[], axisFrom: number): AlertInterval[] {
  const ordered = [...entries].sort((a, b) => a.change.at - b.change.at);
  const open = new Map<string, AlertInterval>();
  const out: AlertInterval[] = [];
  for (const { change } of ordered) {
    const stream = change.streamKey;
    if (change.type === 'alert') {
      if (!open.has(stream)) {
        const interval: AlertInterval = { stream: clipText(stream, 512), rule: clipText(change.alert.rule_name), severity: change.alert.severity, start: change.at, end: null };
        open.set(stream, interval);
        out.push(interval);
      }
      continue;
    }
    const interval = open.get(stream);
    if (interval) {
      interval.end = change.at;
      open.delete(stream);
    } else {
      out.push({ stream: clipText(stream, 512), rule: clipText(change.alert.rule_name), severity: change.alert.severity, start: axisFrom, end: change.at });
    }
  }
  // Still firing, but the transition that opened it is older than the log keeps.
  for (const { change } of firingNow) {
    if (change.type === 'alert' && !open.has(change.streamKey)) {
      out.push({ stream: clipText(change.streamKey, 512), rule: clipText(change.alert.rule_name), severity: change.alert.severity, start: change.at, end: null });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
