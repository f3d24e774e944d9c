/** Turns a stream's state change into an `AlertChange` carrying the seed's `Alert.to_dict`. */
import { formatIso } from '../util/time';
import type { AlertChange, AlertChangeType, AlertDict } from './alertDict';
import type { AlertStream, Observation } from './stream';
import { renderTemplate, type TemplateValue } from './template';

export interface RefResolvers {
  sourcePath(sourceId: number): string | undefined;
  workflow(id: number): string | undefined;
}

export function buildChange(
  stream: AlertStream,
  type: AlertChangeType,
  t: number,
  observation: Observation,
  historical: boolean,
  refs: RefResolvers,
): AlertChange {
  const rule = stream.rule;
  // The last contributing event; for an empty window (no_data, a resolve after silence) the last one seen.
  const entry = stream.window.newestRef();
  const path = entry ? refs.sourcePath(entry.sourceId) : undefined;
  const workflowId = entry ? (refs.workflow(entry.workflowId) ?? null) : null;
  const tags: Record<string, string> = { ...rule.tags, ...stream.group };
  const group: Record<string, string> = { ...stream.group };
  const windowStart = formatIso(t - rule.durationMs);
  const windowEnd = formatIso(t);
  const values: Record<string, TemplateValue> = {
    metric_name: rule.metricName ?? '',
    condition: rule.condition,
    value: observation.value,
    threshold: rule.threshold,
    rule_name: rule.name,
    severity: rule.severity,
    aggregate: rule.aggregate,
    duration: rule.durationText,
    count: observation.count,
    tags,
    group,
    workflow_id: workflowId ?? '',
    window_start: windowStart,
    window_end: windowEnd,
    pattern: rule.pattern ?? '',
  };
  const message = renderTemplate(rule.messageTemplate, values);
  const alert: AlertDict = {
    rule_name: rule.name,
    severity: rule.severity,
    condition: rule.condition,
    metric_name: rule.metricName ?? null,
    threshold: rule.threshold,
    actual_value: observation.value,
    timestamp: windowEnd,
    message: type === 'resolved' ? `resolved: ${message}` : message,
    metadata: {
      count: observation.count,
      tags,
      window_start: windowStart,
      window_end: windowEnd,
      workflow_id: workflowId,
      source: entry && path !== undefined ? { path, line: entry.line } : null,
      state: type === 'alert' ? 'firing' : 'resolved',
      historical,
      group,
      aggregate: rule.aggregate,
    },
  };
  return {
    type,
    historical,
    at: t,
    ref: entry ? { sourceId: entry.sourceId, line: entry.line, byteOffset: entry.byteOffset } : undefined,
    streamKey: stream.key,
    alert,
  };
}
