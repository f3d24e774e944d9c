/**
 * The run waterfall: a workflow's trace tree flattened to rows in time order (parents
 * before children), each with its depth and offset from the workflow start, so the
 * webview draws bars without knowing about trees.
 */
import type { TraceNode } from '../traces/build';
import { toEpochMs } from '../util/time';
import { clipText } from './text';
import type { WaterfallData, WaterfallRow } from './types';

export const MAX_WATERFALL_ROWS = 2_000;

function epoch(iso: string): number {
  return toEpochMs(iso);
}

/** Rows of `root` (depth 0) and its descendants, pre-order, at most `maxRows`. */
export function waterfallRows(root: TraceNode, maxRows = MAX_WATERFALL_ROWS): { rows: WaterfallRow[]; truncated: number } {
  const origin = epoch(root.start);
  const rows: WaterfallRow[] = [];
  let truncated = 0;
  // Explicit stack: traces can nest deeper than the call stack allows.
  const stack: Array<{ node: TraceNode; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: TraceNode; depth: number };
    if (rows.length >= maxRows) {
      truncated++;
    } else {
      const start = epoch(node.start);
      rows.push({
        id: clipText(node.id, 256),
        depth,
        kind: node.kind,
        label: clipText(node.name),
        startMs: Number.isFinite(start) && Number.isFinite(origin) ? start - origin : 0,
        durationMs: Number.isFinite(node.duration_ms) ? Math.max(0, node.duration_ms) : 0,
        status: node.status,
        start: node.start,
        path: node.source ? node.source.path : null,
        line: node.source ? node.source.line : null,
      });
    }
    for (let c = node.children.length - 1; c >= 0; c--) stack.push({ node: node.children[c] as TraceNode, depth: depth + 1 });
  }
  return { rows, truncated };
}

export function waterfallData(root: TraceNode | null, status: string | null, maxRows = MAX_WATERFALL_ROWS): WaterfallData {
  if (!root) return { page: 'waterfall', workflowId: null, status: null, start: null, totalMs: 0, rows: [], truncated: 0 };
  const { rows, truncated } = waterfallRows(root, maxRows);
  let end = root.duration_ms;
  for (const row of rows) end = Math.max(end, row.startMs + row.durationMs);
  return { page: 'waterfall', workflowId: clipText(root.name), status, start: root.start, totalMs: end, rows, truncated };
}
