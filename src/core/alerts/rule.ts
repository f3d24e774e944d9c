/**
 * Alert rules: the seed's `AlertRule` (name, condition, metric_name, threshold, severity,
 * duration, cooldown, tags, message_template) plus what design §5 adds (group_by,
 * aggregate, `for`, pattern, enabled). `RawRule` is the JSON form of `.runlens/alerts.json`;
 * `AlertRule` is the checked, normalised form the evaluator uses.
 */
import type { Aggregate } from '../metrics/stats';

export type AlertCondition =
  | 'threshold_exceeded'
  | 'threshold_below'
  | 'error_rate_high'
  | 'latency_high'
  | 'no_data'
  | 'pattern_detected';

export const CONDITIONS: readonly AlertCondition[] = [
  'threshold_exceeded',
  'threshold_below',
  'error_rate_high',
  'latency_high',
  'no_data',
  'pattern_detected',
];

export type AlertSeverity = 'info' | 'warning' | 'error' | 'critical';
export const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'error', 'critical'];

/** A rule as written in JSON (all checking happens in `parseRules`). */
export interface RawRule {
  name: string;
  condition: AlertCondition;
  metric_name?: string;
  threshold?: number;
  severity?: AlertSeverity;
  duration?: string | number;
  cooldown?: string | number;
  for?: string | number;
  tags?: Record<string, string>;
  group_by?: string[];
  aggregate?: Aggregate;
  message_template?: string;
  pattern?: string;
  pattern_flags?: string;
  enabled?: boolean;
  description?: string;
}

export interface AlertRule {
  name: string;
  condition: AlertCondition;
  /** Undefined only for pattern_detected, where it is an optional label. */
  metricName: string | undefined;
  threshold: number;
  severity: AlertSeverity;
  /** Window length: the window at time t is (t − duration, t]. */
  durationMs: number;
  cooldownMs: number;
  /** Pending period: the condition must hold this long before the rule fires. */
  forMs: number;
  tags: Readonly<Record<string, string>>;
  groupBy: readonly string[];
  /** The aggregate actually computed (condition defaults applied). */
  aggregate: Aggregate;
  messageTemplate: string;
  pattern: string | undefined;
  patternFlags: string;
  enabled: boolean;
  /** Durations as written, for messages (`{duration}`). */
  durationText: string;
  description: string | undefined;
}

export const DEFAULT_DURATION = '5m';
export const DEFAULT_COOLDOWN = '5m';
export const DEFAULT_SEVERITY: AlertSeverity = 'warning';

/** The seed's default template; conditions it reads wrongly for get their own. */
export const SEED_TEMPLATE = '{metric_name} {condition} threshold: {value} > {threshold}';

export function defaultTemplate(condition: AlertCondition): string {
  switch (condition) {
    case 'threshold_below':
      return '{metric_name} {condition} threshold: {value} < {threshold}';
    case 'no_data':
      return 'no {metric_name} data in the last {duration}';
    case 'pattern_detected':
      return '{count} events matching /{pattern}/ in the last {duration} (threshold {threshold})';
    default:
      return SEED_TEMPLATE;
  }
}

/** What each condition reads when `aggregate` is not given (design §5). */
export function defaultAggregate(condition: AlertCondition): Aggregate {
  switch (condition) {
    case 'latency_high':
      return 'p95';
    case 'no_data':
    case 'pattern_detected':
      return 'count';
    default:
      return 'mean';
  }
}

/** Conditions that read metric points (all but pattern_detected, which reads events). */
export function readsPoints(rule: AlertRule): boolean {
  return rule.condition !== 'pattern_detected';
}

/**
 * A stable text of what decides which data a rule reads and keeps. A reloaded rules file
 * keeps the windows (and alert state) of rules whose data identity did not change, so
 * editing a threshold or a message applies at once to the data already seen.
 */
export function dataIdentity(rule: AlertRule): string {
  return JSON.stringify([
    rule.name, rule.condition, rule.metricName ?? null, rule.durationMs, Object.entries(rule.tags).sort(),
    rule.groupBy, rule.aggregate, rule.pattern ?? null, rule.patternFlags,
  ]);
}
