/**
 * Recent agent and tool spans (and failures) for the dashboard's tables, read backwards
 * from the event columns: the newest lines are the last ones stored, so a table of 50
 * rows usually touches 50–100 events, not the whole log.
 */
import type { Engine } from '../model/engine';
import { STATUS_ERROR } from '../model/eventStore';
import { clipText } from './text';
import type { SpanRow, TagFilter } from './types';

/** Reads a failed span's `error_message` back from its log line (injected by the node layer). */
export type ErrorReader = (sourceId: number, line: number, byteOffset: number) => string | null;

export interface RecentOptions {
  from: number;
  to: number;
  filter: TagFilter;
  limit: number;
  failuresOnly: boolean;
  readError?: ErrorReader;
}

const KIND_AGENT = 1;
const KIND_TOOL = 2;

/** Row filters by the tags spans carry: agent (a tool's bound agent too), tool, workflow. */
function rowKeeps(row: SpanRow, filter: TagFilter): boolean {
  const agent = filter.agent_name;
  if (agent !== undefined && row.agent !== agent) return false;
  const tool = filter.tool_name;
  if (tool !== undefined && row.kind === 'tool' && row.tool !== tool) return false;
  if (tool !== undefined && row.kind === 'agent') return false;
  const workflow = filter.workflow_id;
  return workflow === undefined || row.workflowId === workflow;
}

export function recentSpans(engine: Engine, options: RecentOptions): SpanRow[] {
  const store = engine.events;
  const rows: SpanRow[] = [];
  for (let i = store.length - 1; i >= 0 && rows.length < options.limit; i--) {
    const kind = store.kindCode(i);
    if (kind !== KIND_AGENT && kind !== KIND_TOOL) continue;
    const failed = store.status(i) === STATUS_ERROR;
    if (options.failuresOnly && !failed) continue;
    const ts = store.timestamp(i);
    if (!(ts >= options.from && ts <= options.to)) continue;
    const duration = store.durationMs(i);
    const subject = store.subject(i);
    const agentName = store.agentName(i);
    const row: SpanRow = {
      ts,
      kind: kind === KIND_AGENT ? 'agent' : 'tool',
      workflowId: clipText(store.strings.get(store.workflowKeyId(i)) ?? ''),
      agent: kind === KIND_AGENT ? clipText(subject) : agentName === undefined ? null : clipText(agentName),
      tool: kind === KIND_TOOL ? clipText(subject) : null,
      status: failed ? 'error' : 'ok',
      durationMs: Number.isFinite(duration) ? duration : null,
      path: engine.sources[store.sourceId(i)]?.path ?? '',
      line: store.lineNo(i),
      error: null,
    };
    if (!rowKeeps(row, options.filter)) continue;
    if (failed && options.readError) {
      const message = options.readError(store.sourceId(i), store.lineNo(i), store.offset(i));
      row.error = message === null ? null : clipText(message, 500);
    }
    rows.push(row);
  }
  // Several files interleave: newest first by timestamp, stable for equal times.
  return rows.sort((a, b) => b.ts - a.ts);
}
