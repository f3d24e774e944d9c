/**
 * Per-line kind detection and field extraction (design §1). Works on an already-parsed
 * object; never copies it. Field names are read directly because none of them exist on
 * Object.prototype, so a `__proto__` or `constructor` key in the data cannot interfere.
 */
import { toEpochMs, type NaiveTimeZone } from '../util/time';
import { toFiniteNumber, toLevel, toSuccessFlag, toText, type Level } from './fields';

export type LineKind = 'event' | 'metric' | 'alert' | 'otlp' | 'other';
export type EventKind = 'workflow' | 'agent' | 'tool' | 'routing' | 'event';

/** Phase of a workflow_* event: it opens, closes or just happens inside the workflow. */
export type WorkflowPhase = 'start' | 'end' | 'none';

export interface LlmUsage {
  model: string | undefined;
  inputTokens: number;
  outputTokens: number;
}

export interface EventRecord {
  kind: EventKind;
  /** Event name as written (`event`, else `event_type`, `msg`, `message`). */
  name: string;
  ts: number;
  level: Level;
  durationMs: number;
  /** 1 ok, 0 failed, -1 not said. */
  success: number;
  agentName: string | undefined;
  toolName: string | undefined;
  workflowId: string | undefined;
  requestId: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
  parentSpanId: string | undefined;
  /** Display subject: agent name, tool name, `decision → node`, or the event name. */
  subject: string;
  workflowPhase: WorkflowPhase;
  costEstimate: number;
  /** True when the line has no `cost_estimate` at all (the seed's default is 0.0). */
  costEstimateAbsent: boolean;
  llm: LlmUsage | undefined;
}

export interface MetricPointRecord {
  name: string;
  value: number;
  ts: number;
  tags: Record<string, string>;
}

export type ParsedObject = Record<string, unknown>;

/** A line's JSON object, or why it is malformed. */
export function parseLogLine(text: string): ParsedObject | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const what = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`;
    return `JSON value is ${what}, not an object`;
  }
  return parsed as ParsedObject;
}

export function detectKind(obj: ParsedObject): LineKind {
  const event = obj.event;
  if (typeof event === 'string') return 'event';
  if (obj.rule_name !== undefined && obj.severity !== undefined && obj.condition !== undefined) return 'alert';
  if (typeof obj.name === 'string' && obj.value !== undefined && obj.timestamp !== undefined) {
    return Number.isNaN(toFiniteNumber(obj.value)) && typeof obj.value !== 'number' && typeof obj.value !== 'string' ? 'other' : 'metric';
  }
  if (obj.resourceSpans !== undefined) return 'otlp';
  if (typeof obj.event_type === 'string' || typeof obj.msg === 'string' || typeof obj.message === 'string') return 'event';
  return 'other';
}

export function readTimestamp(obj: ParsedObject, naive: NaiveTimeZone): number {
  let raw = obj.timestamp;
  if (raw === undefined) raw = obj.ts ?? obj.time ?? obj['@timestamp'];
  return toEpochMs(raw, naive);
}

function eventName(obj: ParsedObject): string {
  const e = obj.event;
  if (typeof e === 'string') return e;
  const alt = obj.event_type ?? obj.msg ?? obj.message;
  return typeof alt === 'string' ? alt : '';
}

const AGENT_EVENTS = new Set(['agent_execution_completed', 'agent_execution_failed', 'agent_execution']);
const TOOL_EVENTS = new Set(['tool_executed', 'tool_usage']);

function classifyEvent(name: string): EventKind {
  if (AGENT_EVENTS.has(name)) return 'agent';
  if (TOOL_EVENTS.has(name)) return 'tool';
  if (name === 'routing_decision') return 'routing';
  if (name.startsWith('workflow_')) return 'workflow';
  return 'event';
}

function successOf(obj: ParsedObject, name: string, kind: EventKind): number {
  const flag = toSuccessFlag(obj.success);
  if (flag !== -1) return flag;
  if (kind === 'agent') return name === 'agent_execution_failed' ? 0 : name === 'agent_execution_completed' ? 1 : -1;
  if (kind === 'tool') return -1;
  return -1;
}

/** The OpenTelemetry GenAI model name; the fallback for the other usage formats. */
function genAiModel(obj: ParsedObject): string | undefined {
  return toText(obj['gen_ai.request.model'] ?? obj['gen_ai.response.model']);
}

function readLlmUsage(obj: ParsedObject): LlmUsage | undefined {
  let input = toFiniteNumber(obj['gen_ai.usage.input_tokens']);
  let output = toFiniteNumber(obj['gen_ai.usage.output_tokens']);
  let model: string | undefined;
  if (!Number.isNaN(input) || !Number.isNaN(output)) {
    model = genAiModel(obj);
  } else {
    input = toFiniteNumber(obj['llm.token_count.prompt']);
    output = toFiniteNumber(obj['llm.token_count.completion']);
    if (!Number.isNaN(input) || !Number.isNaN(output)) {
      model = toText(obj['llm.model_name']) ?? genAiModel(obj);
    } else {
      input = toFiniteNumber(obj.input_tokens ?? obj.prompt_tokens);
      output = toFiniteNumber(obj.output_tokens ?? obj.completion_tokens);
      if (Number.isNaN(input) && Number.isNaN(output)) {
        const usage = obj.usage;
        if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) return undefined;
        const u = usage as ParsedObject;
        input = toFiniteNumber(u.input_tokens ?? u.prompt_tokens);
        output = toFiniteNumber(u.output_tokens ?? u.completion_tokens);
        if (Number.isNaN(input) && Number.isNaN(output)) return undefined;
      }
      model = toText(obj.model ?? obj.model_name) ?? genAiModel(obj);
    }
  }
  return {
    model,
    inputTokens: Number.isNaN(input) ? 0 : input,
    outputTokens: Number.isNaN(output) ? 0 : output,
  };
}

function workflowPhase(kind: EventKind, name: string): WorkflowPhase {
  if (kind !== 'workflow') return 'none';
  if (name === 'workflow_started') return 'start';
  if (name === 'workflow_completed' || name === 'workflow_failed') return 'end';
  return 'none';
}

function subjectOf(obj: ParsedObject, kind: EventKind, name: string, agentName?: string, toolName?: string): string {
  if (kind === 'agent' && agentName) return agentName;
  if (kind === 'tool' && toolName) return toolName;
  if (kind === 'routing') {
    const selected = toText(obj.selected_node);
    const point = toText(obj.decision_point);
    if (selected) return `${point ?? 'route'} → ${selected}`;
  }
  return name;
}

export function readEvent(obj: ParsedObject, naive: NaiveTimeZone): EventRecord {
  const name = eventName(obj);
  const kind = classifyEvent(name);
  const agentName = toText(obj.agent_name);
  const toolName = toText(obj.tool_name);
  return {
    kind,
    name,
    ts: readTimestamp(obj, naive),
    level: toLevel(obj.level ?? obj.levelname ?? obj.severity),
    durationMs: toFiniteNumber(obj.duration_ms),
    success: successOf(obj, name, kind),
    agentName,
    toolName,
    workflowId: toText(obj.workflow_id),
    requestId: toText(obj.request_id),
    traceId: toText(obj.trace_id),
    spanId: toText(obj.span_id),
    parentSpanId: toText(obj.parent_span_id),
    subject: subjectOf(obj, kind, name, agentName, toolName),
    workflowPhase: workflowPhase(kind, name),
    costEstimate: toFiniteNumber(obj.cost_estimate),
    costEstimateAbsent: obj.cost_estimate === undefined || obj.cost_estimate === null,
    llm: readLlmUsage(obj),
  };
}

export function readMetricPoint(obj: ParsedObject, naive: NaiveTimeZone): MetricPointRecord | undefined {
  const value = toFiniteNumber(obj.value);
  const ts = readTimestamp(obj, naive);
  if (Number.isNaN(value) || Number.isNaN(ts)) return undefined;
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  const rawTags = obj.tags;
  if (rawTags !== null && typeof rawTags === 'object' && !Array.isArray(rawTags)) {
    for (const key of Object.keys(rawTags)) {
      const text = toText((rawTags as ParsedObject)[key]);
      if (text !== undefined) tags[key] = text;
    }
  }
  return { name: obj.name as string, value, ts, tags };
}
