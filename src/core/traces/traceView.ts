/**
 * One level of a trace at a time, for tree views: a 100k-span workflow is indexed once
 * (typed arrays) and only the children someone expands become objects.
 */
import type { Engine } from '../model/engine';
import { nodeId, spanFields, type SpanFields, type TraceIndex } from './build';

/** A trace node without attributes or children, with the number of children it has. */
export type SpanSummary = SpanFields & { childCount: number };

export class TraceView {
  private byId: Map<string, number> | undefined;

  constructor(private readonly engine: Engine, readonly index: TraceIndex) {}

  /** Children of a node (`null`: of the root), in time order. Undefined for an unknown id. */
  children(parentId: string | null): SpanSummary[] | undefined {
    const n = this.index.items.length;
    const k = parentId === null ? n : this.lookup(parentId);
    if (k === undefined) return undefined;
    const { childStart, childList } = this.index;
    const out: SpanSummary[] = [];
    for (let c = childStart[k] as number; c < (childStart[k + 1] as number); c++) out.push(this.summary(childList[c] as number));
    return out;
  }

  /** The path from the root's child down to the node itself; undefined for an unknown id. */
  ancestry(id: string): SpanSummary[] | undefined {
    let k = this.lookup(id);
    if (k === undefined) return undefined;
    const path: SpanSummary[] = [];
    // Parents are acyclic after indexing; the bound only guards against a corrupt index.
    for (let guard = 0; k >= 0 && guard <= this.index.items.length; guard++) {
      path.push(this.summary(k));
      k = this.index.parent[k] as number;
    }
    return path.reverse();
  }

  private lookup(id: string): number | undefined {
    if (!this.byId) {
      const store = this.engine.events;
      this.byId = new Map();
      this.index.items.forEach((e, k) => this.byId?.set(nodeId(store.sourceId(e), store.lineNo(e)), k));
    }
    return this.byId.get(id);
  }

  private summary(k: number): SpanSummary {
    const { childStart } = this.index;
    const fields = spanFields(this.engine, this.index.items[k] as number, this.index.start[k] as number, this.index.end[k] as number);
    return { ...fields, childCount: (childStart[k + 1] as number) - (childStart[k] as number) };
  }
}
