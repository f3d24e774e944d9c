/**
 * Entries waiting to join their stream's window: one joins at the first evaluation at or
 * after its timestamp (a point stamped in the future waits for its time). Columns, not
 * objects: replay stages every contribution of every line.
 */
import { Column } from '../util/columns';
import { stableOrder } from '../util/order';

export interface StagedSink {
  /** Called in (ts, arrival) order for each entry with ts <= t. */
  admit(stream: number, ts: number, value: number, sourceId: number, line: number, byteOffset: number, workflowId: number): void;
}

export class Staging {
  private ts = new Column(Float64Array, 256);
  private stream = new Column(Uint32Array, 256);
  private value = new Column(Float64Array, 256);
  private source = new Column(Uint32Array, 256);
  private line = new Column(Uint32Array, 256);
  private offset = new Column(Float64Array, 256);
  private workflow = new Column(Uint32Array, 256);
  private ordered = true;

  get length(): number {
    return this.ts.length;
  }

  push(stream: number, ts: number, value: number, sourceId: number, line: number, byteOffset: number, workflowId: number): void {
    const n = this.ts.length;
    if (n > 0 && ts < this.ts.get(n - 1)) this.ordered = false;
    this.ts.push(ts);
    this.stream.push(stream);
    this.value.push(value);
    this.source.push(sourceId);
    this.line.push(line);
    this.offset.push(byteOffset);
    this.workflow.push(workflowId);
  }

  /** Hands every entry with ts <= t to `sink`, in time order (ties in arrival order), and keeps the rest. */
  drain(t: number, sink: StagedSink): void {
    const n = this.ts.length;
    if (n === 0) return;
    const ts = this.ts.view();
    let order: Uint32Array | undefined;
    if (!this.ordered) order = stableOrder(ts);
    let k = 0;
    for (; k < n; k++) {
      const i = order ? (order[k] as number) : k;
      if ((ts[i] as number) > t) break;
      sink.admit(this.stream.get(i), ts[i] as number, this.value.get(i), this.source.get(i), this.line.get(i), this.offset.get(i), this.workflow.get(i));
    }
    if (k === n) {
      this.clear();
      return;
    }
    if (k === 0 && !order) return;
    // Rare (live only): some entries are still in the future. Keep them, in time order.
    const rest = Array.from({ length: n - k }, (_, j) => (order ? (order[k + j] as number) : k + j));
    const copy = (col: Column<Float64Array> | Column<Uint32Array>): number[] => rest.map((i) => col.get(i));
    const columns = [copy(this.ts), copy(this.stream), copy(this.value), copy(this.source), copy(this.line), copy(this.offset), copy(this.workflow)];
    this.clear();
    for (let j = 0; j < rest.length; j++) {
      const [a, b, c, d, e, f, g] = columns.map((col) => col[j] as number) as [number, number, number, number, number, number, number];
      this.push(b, a, c, d, e, f, g);
    }
  }

  clear(): void {
    for (const col of [this.ts, this.stream, this.value, this.source, this.line, this.offset, this.workflow]) col.clear();
    this.ordered = true;
  }
}
