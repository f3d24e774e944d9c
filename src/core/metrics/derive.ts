/**
 * Metric points derived from events exactly as the seed's MetricsCollector records
 * them (design §3). Each point carries its event's timestamp.
 */
import type { EventRecord, ParsedObject } from '../formats/record';
import { toFiniteNumber } from '../formats/fields';
import type { WorkflowAggregate } from '../model/workflows';

export interface PointSink {
  point(name: string, tagKey: string, tagValue: string, ts: number, value: number): void;
}

const SUCCESS_STATUSES = new Set(['success', 'succeeded', 'successful', 'completed', 'complete', 'ok', 'done']);

export function deriveAgentMetrics(ev: EventRecord, sink: PointSink): void {
  const agent = ev.agentName;
  if (agent === undefined) return;
  if (!Number.isNaN(ev.durationMs)) sink.point('agent_execution_duration_ms', 'agent_name', agent, ev.ts, ev.durationMs);
  if (ev.success !== -1) sink.point('agent_execution_success', 'agent_name', agent, ev.ts, ev.success);
}

export function deriveToolMetrics(ev: EventRecord, sink: PointSink): void {
  const tool = ev.toolName;
  if (tool === undefined) return;
  if (!Number.isNaN(ev.durationMs)) sink.point('tool_execution_duration_ms', 'tool_name', tool, ev.ts, ev.durationMs);
  if (ev.success !== -1) sink.point('tool_execution_success', 'tool_name', tool, ev.ts, ev.success);
  // The seed's default cost_estimate is 0.0; a present but non-numeric value records nothing.
  const cost = ev.costEstimate;
  if (!Number.isNaN(cost)) sink.point('tool_execution_cost', 'tool_name', tool, ev.ts, cost);
  else if (ev.costEstimateAbsent) sink.point('tool_execution_cost', 'tool_name', tool, ev.ts, 0);
}

/** The only fields of a workflow_completed/failed line the points below read (besides its EventRecord). */
export const WORKFLOW_END_FIELDS = ['total_agents', 'total_tools', 'total_duration_ms', 'status'] as const;

/** `workflow_completed` / `workflow_failed`: the four `record_workflow_metrics` points. */
export function deriveWorkflowMetrics(ev: EventRecord, obj: ParsedObject, wf: WorkflowAggregate, sink: PointSink): void {
  const id = wf.key;
  const agents = toFiniteNumber(obj.total_agents);
  sink.point('workflow_total_agents', 'workflow_id', id, ev.ts, Number.isNaN(agents) ? wf.agents : agents);
  const tools = toFiniteNumber(obj.total_tools);
  sink.point('workflow_total_tools', 'workflow_id', id, ev.ts, Number.isNaN(tools) ? wf.tools : tools);
  let duration = toFiniteNumber(obj.total_duration_ms);
  if (Number.isNaN(duration)) duration = ev.durationMs;
  if (Number.isNaN(duration) && !Number.isNaN(wf.startTs) && !Number.isNaN(ev.ts)) duration = ev.ts - wf.startTs;
  if (!Number.isNaN(duration)) sink.point('workflow_total_duration_ms', 'workflow_id', id, ev.ts, duration);
  sink.point('workflow_success', 'workflow_id', id, ev.ts, workflowSucceeded(ev, obj) ? 1 : 0);
}

export function workflowSucceeded(ev: EventRecord, obj: ParsedObject): boolean {
  if (ev.name === 'workflow_failed') return false;
  if (ev.name === 'workflow_completed') {
    const status = obj.status;
    return !(typeof status === 'string' && /^(fail|error)/i.test(status));
  }
  return typeof obj.status === 'string' && SUCCESS_STATUSES.has(obj.status.toLowerCase());
}
