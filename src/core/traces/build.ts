/**
 * Builds one workflow's trace tree from the event columns (design §2).
 *
 * One sort plus one sweep, O(n log n): items are ordered by (start asc, end desc) and a
 * stack holds the chain of agent spans that contain each other. The innermost agent
 * containing an item is always on that chain (a popped span's later children are
 * contained in whatever popped it). Tools and points prefer the innermost containing
 * agent span with their own bound `agent_name`, found from a per-name list kept in
 * sweep order. Explicit `span_id`/`parent_span_id` then override the inferred parents.
 */
import type { Engine } from '../model/engine';
import { STATUS_ERROR } from '../model/eventStore';
import type { WorkflowAggregate } from '../model/workflows';
import type { EventKind } from '../formats/record';
import { formatIso } from '../util/time';

export interface SourcePosition {
  path: string;
  /** 1-based. */
  line: number;
  /** File offset of the line's first byte. */
  byteOffset: number;
}

export interface TraceNode {
  id: string;
  kind: EventKind;
  name: string;
  start: string;
  end: string;
  duration_ms: number;
  status: 'ok' | 'error';
  attrs: Record<string, unknown>;
  source: SourcePosition | null;
  children: TraceNode[];
}

export interface Trace {
  workflow_id: string;
  root: TraceNode;
}

/** Reads a line's attributes back (from the file, in the node layer). */
export type AttributeReader = (sourceId: number, line: number, byteOffset: number) => Record<string, unknown>;

const RANK_AGENT = 0;
const RANK_TOOL = 1;
const RANK_POINT = 2;
/** How far back a same-name or tool lookup scans; parallel same-name spans beyond this are rare. */
const SCAN_LIMIT = 64;
/** Shared by nodes built without an attribute reader (frozen: nobody may add to it). */
const NO_ATTRS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export function nodeId(sourceId: number, line: number): string {
  return `${sourceId}:${line}`;
}

export function workflowNodeId(key: string): string {
  return `wf:${key}`;
}

/**
 * The structure of a trace in typed arrays (parents, time order, children lists): the
 * O(n log n) part. Node objects are made only by `materializeTrace`, for what is shown.
 */
export interface TraceIndex {
  readonly workflow: WorkflowAggregate;
  /** Event index of each item (workflow start/end markers excluded). */
  readonly items: readonly number[];
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Parent item, -1 for the root. */
  readonly parent: Int32Array;
  /** Children of item k are childList[childStart[k] .. childStart[k+1]), in time order; the root's are at k = n. */
  readonly childStart: Uint32Array;
  readonly childList: Uint32Array;
  readonly startMarker: number;
  readonly endMarker: number;
}

export function indexTrace(engine: Engine, workflow: WorkflowAggregate): TraceIndex {
  const store = engine.events;
  const all = engine.eventsOf(workflow);
  let startMarker = -1;
  let endMarker = -1;
  const items: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const e = all[i] as number;
    if (store.kind(e) === 'workflow') {
      const name = store.name(e);
      if (name === 'workflow_started') {
        if (startMarker < 0) startMarker = e;
        continue;
      }
      if (name === 'workflow_completed' || name === 'workflow_failed') {
        endMarker = e;
        continue;
      }
    }
    items.push(e);
  }
  const n = items.length;
  const fallbackTs = Number.isNaN(workflow.startTs) ? 0 : workflow.startTs;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const rank = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const e = items[k] as number;
    let ts = store.timestamp(e);
    if (Number.isNaN(ts)) ts = fallbackTs;
    const kind = store.kind(e);
    let dur = store.durationMs(e);
    if (!(dur > 0)) dur = 0;
    end[k] = ts;
    if (kind === 'agent') {
      start[k] = ts - dur;
      rank[k] = RANK_AGENT;
    } else if (kind === 'tool') {
      start[k] = ts - dur;
      rank[k] = RANK_TOOL;
    } else {
      start[k] = ts - dur;
      rank[k] = RANK_POINT;
    }
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => {
    const byStart = (start[a] as number) - (start[b] as number);
    if (byStart !== 0) return byStart;
    const byEnd = (end[b] as number) - (end[a] as number);
    if (byEnd !== 0) return byEnd;
    const byRank = (rank[a] as number) - (rank[b] as number);
    if (byRank !== 0) return byRank;
    // Identical agent intervals: the later line is the parent (children log first).
    return rank[a] === RANK_AGENT ? (items[b] as number) - (items[a] as number) : (items[a] as number) - (items[b] as number);
  });

  const contains = (p: number, c: number): boolean =>
    (start[p] as number) <= (start[c] as number) && (end[c] as number) <= (end[p] as number);

  const parent = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const byAgentName = new Map<number, number[]>();
  const toolsUnder = new Map<number, number[]>();

  const innermostOnChain = (c: number): number => {
    for (let s = stack.length - 1; s >= 0; s--) {
      const p = stack[s] as number;
      if (contains(p, c)) return p;
    }
    return -1;
  };
  const innermostSameName = (c: number): number => {
    const nameId = store.agentNameId(items[c] as number);
    if (nameId === 0) return -1;
    const list = byAgentName.get(nameId);
    if (!list) return -1;
    for (let s = list.length - 1, seen = 0; s >= 0 && seen < SCAN_LIMIT; s--, seen++) {
      const p = list[s] as number;
      if (contains(p, c)) return p;
    }
    return -1;
  };

  for (let o = 0; o < n; o++) {
    const k = order[o] as number;
    if (rank[k] === RANK_AGENT) {
      while (stack.length > 0 && !contains(stack[stack.length - 1] as number, k)) stack.pop();
      parent[k] = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
      stack.push(k);
      const nameId = store.agentNameId(items[k] as number);
      if (nameId !== 0) {
        let list = byAgentName.get(nameId);
        if (!list) byAgentName.set(nameId, (list = []));
        list.push(k);
      }
      continue;
    }
    let p = innermostSameName(k);
    if (p < 0) p = innermostOnChain(k);
    // Tools directly under the root (key -1: their agent never logged, e.g. an interrupted
    // run) still contain the points written during them.
    if (rank[k] === RANK_TOOL) {
      let kids = toolsUnder.get(p);
      if (!kids) toolsUnder.set(p, (kids = []));
      kids.push(k);
    } else {
      const kids = toolsUnder.get(p);
      if (kids) {
        for (let s = kids.length - 1, seen = 0; s >= 0 && seen < SCAN_LIMIT; s--, seen++) {
          if (contains(kids[s] as number, k)) {
            p = kids[s] as number;
            break;
          }
        }
      }
    }
    parent[k] = p;
  }

  if (store.hasExplicitSpans) applyExplicitParents(engine, items, parent);

  // Children lists (CSR), in time order: walking `order` visits earlier siblings first.
  const childStart = new Uint32Array(n + 2);
  for (let k = 0; k < n; k++) {
    const p = parent[k] as number;
    const slot = (p < 0 ? n : p) + 1;
    childStart[slot] = (childStart[slot] as number) + 1;
  }
  for (let k = 1; k < n + 2; k++) childStart[k] = (childStart[k] as number) + (childStart[k - 1] as number);
  const fill = childStart.slice(0, n + 1);
  const childList = new Uint32Array(n);
  for (let o = 0; o < n; o++) {
    const k = order[o] as number;
    const p = parent[k] as number;
    const slot = p < 0 ? n : p;
    childList[fill[slot] as number] = k;
    fill[slot] = (fill[slot] as number) + 1;
  }
  return { workflow, items, start, end, parent, childStart, childList, startMarker, endMarker };
}

/**
 * Node objects for the whole tree (iteratively: explicit ids can nest deeper than the stack
 * allows). One object literal per node (no field object spread into another), children
 * arrays allocated at their final size, a point's equal start and end formatted once:
 * a 100k-span trace is mostly allocation, so every object avoided counts.
 */
export function materializeTrace(engine: Engine, index: TraceIndex, readAttrs?: AttributeReader): Trace {
  const { items, start, end, childStart, childList } = index;
  const store = engine.events;
  const n = items.length;
  const paths = engine.sources.map((s) => s.path);
  const nodes: TraceNode[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const e = items[k] as number;
    const s = start[k] as number;
    const t = end[k] as number;
    const kind = store.kind(e);
    const sourceId = store.sourceId(e);
    const line = store.lineNo(e);
    const byteOffset = store.offset(e);
    const startIso = formatIso(s);
    const count = (childStart[k + 1] as number) - (childStart[k] as number);
    nodes[k] = {
      id: nodeId(sourceId, line),
      kind: kind === 'workflow' ? 'event' : kind,
      name: store.subject(e),
      start: startIso,
      end: t === s ? startIso : formatIso(t),
      duration_ms: t - s,
      status: store.status(e) === STATUS_ERROR ? 'error' : 'ok',
      source: { path: paths[sourceId] ?? '', line, byteOffset },
      attrs: readAttrs ? readAttrs(sourceId, line, byteOffset) : NO_ATTRS,
      children: count === 0 ? [] : new Array<TraceNode>(count),
    };
  }
  const root = makeRoot(engine, index.workflow, index.startMarker, index.endMarker, start, end, readAttrs);
  const rootCount = (childStart[n + 1] as number) - (childStart[n] as number);
  if (rootCount > 0) root.children = new Array<TraceNode>(rootCount);
  for (let p = 0; p <= n; p++) {
    const from = childStart[p] as number;
    const to = childStart[p + 1] as number;
    if (from === to) continue;
    const children = (p === n ? root : (nodes[p] as TraceNode)).children;
    for (let c = from; c < to; c++) children[c - from] = nodes[childList[c] as number] as TraceNode;
  }
  return { workflow_id: index.workflow.key, root };
}

export function buildTrace(engine: Engine, workflow: WorkflowAggregate, readAttrs?: AttributeReader): Trace {
  return materializeTrace(engine, indexTrace(engine, workflow), readAttrs);
}

function applyExplicitParents(engine: Engine, items: readonly number[], parent: Int32Array): void {
  const store = engine.events;
  const bySpanId = new Map<string, number>();
  for (let k = 0; k < items.length; k++) {
    const span = store.explicitSpan(items[k] as number);
    if (span?.spanId !== undefined && !bySpanId.has(span.spanId)) bySpanId.set(span.spanId, k);
  }
  if (bySpanId.size === 0) return;
  for (let k = 0; k < items.length; k++) {
    const span = store.explicitSpan(items[k] as number);
    if (!span) continue;
    if (span.parentSpanId !== undefined) {
      const p = bySpanId.get(span.parentSpanId);
      if (p !== undefined && p !== k) parent[k] = p;
    } else if (span.spanId !== undefined) {
      parent[k] = -1;
    }
  }
  // Explicit ids can form cycles; cut each cycle where it closes so every node reaches the root.
  const state = new Uint8Array(items.length);
  for (let k = 0; k < items.length; k++) {
    const path: number[] = [];
    let c = k;
    while (c >= 0 && state[c] === 0) {
      state[c] = 1;
      path.push(c);
      c = parent[c] as number;
    }
    if (c >= 0 && state[c] === 1) parent[c] = -1;
    for (const p of path) state[p] = 2;
  }
}

/** The fields every span has, whether it becomes a full node or a one-level summary. */
export type SpanFields = Omit<TraceNode, 'attrs' | 'children' | 'source'> & { source: SourcePosition };

export function spanFields(engine: Engine, e: number, start: number, end: number): SpanFields {
  const store = engine.events;
  const kind = store.kind(e);
  const sourceId = store.sourceId(e);
  const line = store.lineNo(e);
  return {
    id: nodeId(sourceId, line),
    kind: kind === 'workflow' ? 'event' : kind,
    name: store.subject(e),
    start: formatIso(start),
    end: formatIso(end),
    duration_ms: end - start,
    status: store.status(e) === STATUS_ERROR ? 'error' : 'ok',
    source: { path: engine.sources[sourceId]?.path ?? '', line, byteOffset: store.offset(e) },
  };
}

function makeRoot(
  engine: Engine,
  workflow: WorkflowAggregate,
  startMarker: number,
  endMarker: number,
  starts: Float64Array,
  ends: Float64Array,
  readAttrs?: AttributeReader,
): TraceNode {
  const store = engine.events;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < starts.length; k++) {
    lo = Math.min(lo, starts[k] as number);
    hi = Math.max(hi, ends[k] as number);
  }
  const start = startMarker >= 0 ? store.timestamp(startMarker) : lo;
  const end = endMarker >= 0 ? store.timestamp(endMarker) : hi;
  const anchor = startMarker >= 0 ? startMarker : endMarker;
  const failed = workflow.status === 'failed' || (endMarker >= 0 && store.status(endMarker) === STATUS_ERROR);
  const sourceId = anchor >= 0 ? store.sourceId(anchor) : -1;
  return {
    id: workflowNodeId(workflow.key),
    kind: 'workflow',
    name: workflow.key,
    start: formatIso(start),
    end: formatIso(end),
    duration_ms: Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : 0,
    status: failed ? 'error' : 'ok',
    attrs: anchor >= 0 && readAttrs ? readAttrs(sourceId, store.lineNo(anchor), store.offset(anchor)) : {},
    source: anchor >= 0 ? { path: engine.sources[sourceId]?.path ?? '', line: store.lineNo(anchor), byteOffset: store.offset(anchor) } : null,
    children: [],
  };
}
