/**
 * What the alert engine emits: the seed's `Alert.to_dict` shape (rule_name, severity,
 * condition, metric_name, threshold, actual_value, timestamp, message, metadata), with
 * the metadata design §5 asks for, wrapped in a state change (`alert` or `resolved`).
 */
import type { Aggregate } from '../metrics/stats';
import type { LineRef } from '../model/engine';
import type { AlertCondition, AlertSeverity } from './rule';

export type AlertState = 'firing' | 'resolved';

export interface AlertMetadata {
  /** Points (or matching events) in the window. */
  count: number;
  /** The rule's tag filter plus this stream's group_by values. */
  tags: Record<string, string>;
  window_start: string;
  window_end: string;
  /** workflow_id of the last contributing event, null when it had none. */
  workflow_id: string | null;
  /** Line of the last contributing event (for no_data: the last point seen before the silence). */
  source: { path: string; line: number } | null;
  state: AlertState;
  /** True when raised while replaying content that existed before the source was opened: listed, never notified. */
  historical: boolean;
  /** The group_by values of this stream ({} without group_by). */
  group: Record<string, string>;
  aggregate: Aggregate;
}

export interface AlertDict {
  rule_name: string;
  severity: AlertSeverity;
  condition: AlertCondition;
  /** null for a pattern_detected rule without a metric_name label. */
  metric_name: string | null;
  threshold: number;
  /** null only when the window is empty (a resolved notice after the data stopped). */
  actual_value: number | null;
  /** Evaluation time, ISO-8601 UTC with Z: event time in replay, never the replay's wall clock. */
  timestamp: string;
  message: string;
  metadata: AlertMetadata;
}

export type AlertChangeType = 'alert' | 'resolved';

export interface AlertChange {
  type: AlertChangeType;
  historical: boolean;
  /** Evaluation time, epoch ms. */
  at: number;
  /** Full position of the contributing line (with byteOffset, for "Open Log"). */
  ref: LineRef | undefined;
  /** Rule name and group: the identity cooldowns and history are kept by. */
  streamKey: string;
  alert: AlertDict;
}

/** One line of `watch` output and of `.runlens/alerts-history.jsonl`: `{"type": ..., ...Alert.to_dict}`. */
export type AlertLine = { type: AlertChangeType } & AlertDict;

export function toAlertLine(change: AlertChange): AlertLine {
  return { type: change.type, ...change.alert };
}

/** Canonical text of a group (sorted entries), shared by live streams and restored history. */
export function groupKey(group: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.keys(group).sort().map((k) => [k, group[k]]));
}

export function streamKey(ruleName: string, group: Readonly<Record<string, string>>): string {
  return `${ruleName}\u0000${groupKey(group)}`;
}
