/**
 * Which events were logged on which lines, per source: the event indices of each source in
 * line order, so "the node on line L" and "the nodes on lines A..B" (CodeLens, reverse
 * navigation) are binary searches instead of scans of the whole event store.
 *
 * Built lazily on the first question and caught up incrementally on later ones (only the
 * events ingested since), 4 bytes per event; never built when nobody asks.
 */

/** What the index reads from the event store (src/core/model/eventStore.ts). */
export interface EventLines {
  readonly length: number;
  sourceId(i: number): number;
  lineNo(i: number): number;
}

class SourceEvents {
  events = new Uint32Array(64);
  length = 0;
  /** False once a line came out of order (never seen: lines of one source are read in order); then searches scan. */
  sorted = true;

  push(index: number, line: number, lineNo: (i: number) => number): void {
    if (this.length > 0 && line < lineNo(this.events[this.length - 1] as number)) this.sorted = false;
    if (this.length === this.events.length) {
      const grown = new Uint32Array(this.events.length * 2);
      grown.set(this.events);
      this.events = grown;
    }
    this.events[this.length++] = index;
  }
}

export class LineIndex {
  private indexedUpTo = 0;
  private readonly sources = new Map<number, SourceEvents>();

  constructor(private readonly store: EventLines) {}

  /** Event indices of `sourceId` logged on lines `from..to` (1-based, inclusive), in line order. */
  eventsInLines(sourceId: number, from: number, to: number): number[] {
    this.catchUp();
    const source = this.sources.get(sourceId);
    if (!source || to < from) return [];
    const lineNo = (i: number): number => this.store.lineNo(i);
    const out: number[] = [];
    if (!source.sorted) {
      for (let k = 0; k < source.length; k++) {
        const i = source.events[k] as number;
        const line = lineNo(i);
        if (line >= from && line <= to) out.push(i);
      }
      return out.sort((a, b) => lineNo(a) - lineNo(b) || a - b);
    }
    let lo = 0;
    let hi = source.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lineNo(source.events[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < source.length; k++) {
      const i = source.events[k] as number;
      if (lineNo(i) > to) break;
      out.push(i);
    }
    return out;
  }

  private catchUp(): void {
    const { store } = this;
    const end = store.length;
    if (end < this.indexedUpTo) {
      // A store never shrinks; if one did, start over rather than answer from stale indices.
      this.sources.clear();
      this.indexedUpTo = 0;
    }
    for (let i = this.indexedUpTo; i < end; i++) {
      const sourceId = store.sourceId(i);
      let source = this.sources.get(sourceId);
      if (!source) {
        source = new SourceEvents();
        this.sources.set(sourceId, source);
      }
      source.push(i, store.lineNo(i), (j) => store.lineNo(j));
    }
    this.indexedUpTo = end;
  }
}
