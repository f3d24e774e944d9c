/**
 * Columnar store of the events that make up traces: about 50 bytes an event, no
 * per-event objects. Everything else about a line (its attributes) is read back from
 * the file on demand through its `{source, line, byteOffset}`.
 */
import type { Level } from '../formats/fields';
import type { EventKind, EventRecord } from '../formats/record';
import { Column, UintColumn } from '../util/columns';
import { StringTable } from '../util/intern';

export const KIND_CODES: readonly EventKind[] = ['workflow', 'agent', 'tool', 'routing', 'event'];
export const LEVEL_CODES: readonly Level[] = ['debug', 'info', 'warning', 'error', 'critical'];
/** Codes of KIND_CODES and LEVEL_CODES by name (no indexOf per row). */
export const KIND_CODE: Readonly<Record<EventKind, number>> = { workflow: 0, agent: 1, tool: 2, routing: 3, event: 4 };
export const LEVEL_CODE: Readonly<Record<Level, number>> = { debug: 0, info: 1, warning: 2, error: 3, critical: 4 };

/** 0 ok, 1 error. */
export type Status = 0 | 1;
export const STATUS_OK: Status = 0;
export const STATUS_ERROR: Status = 1;

export interface StoredEvent {
  index: number;
  kind: EventKind;
  ts: number;
  durationMs: number;
  status: Status;
  level: Level;
  name: string;
  subject: string;
  agentName: string | undefined;
  workflowKey: string;
  sourceId: number;
  line: number;
  byteOffset: number;
  spanId: string | undefined;
  parentSpanId: string | undefined;
}

export class EventStore {
  readonly strings = new StringTable();
  private readonly ts = new Column(Float64Array);
  private readonly duration = new Column(Float64Array);
  // Integer columns start one byte wide and widen when a value needs it (UintColumn).
  private readonly byteOffset = new UintColumn();
  private readonly line = new UintColumn();
  private readonly source = new UintColumn();
  private readonly nameId = new UintColumn();
  private readonly subjectId = new UintColumn();
  private readonly agentId = new UintColumn();
  private readonly workflowId = new UintColumn();
  /** kind (3 bits) | status (1 bit) | level (3 bits). */
  private readonly flags = new Column(Uint8Array);
  /** Distance to the next event of the same workflow (0 for its last): a list per workflow in ~2 bytes an event. */
  private readonly nextInWorkflow = new UintColumn();
  /** Explicit span ids are rare, so they live beside the columns. */
  private readonly explicitSpans = new Map<number, { spanId: string | undefined; parentSpanId: string | undefined }>();

  get length(): number {
    return this.ts.length;
  }

  /** Appends one event; its workflow chain (`eventsOf`) is linked through `previousInWorkflow`. */
  add(e: EventRecord, status: Status, workflowKeyId: number, sourceId: number, line: number, byteOffset: number, previousInWorkflow: number): number {
    const index = this.ts.length;
    this.ts.push(e.ts);
    this.duration.push(e.durationMs);
    this.byteOffset.push(byteOffset);
    this.line.push(line);
    this.source.push(sourceId);
    const nameId = this.strings.intern(e.name);
    this.nameId.push(nameId);
    this.subjectId.push(e.subject === e.name ? 0 : this.strings.intern(e.subject));
    this.agentId.push(this.strings.intern(e.agentName));
    this.workflowId.push(workflowKeyId);
    this.flags.push((KIND_CODE[e.kind] as number) | (status << 3) | ((LEVEL_CODE[e.level] as number) << 4));
    this.nextInWorkflow.push(0);
    if (previousInWorkflow >= 0) this.nextInWorkflow.set(previousInWorkflow, index - previousInWorkflow);
    if (e.spanId !== undefined || e.parentSpanId !== undefined) {
      this.explicitSpans.set(index, { spanId: e.spanId, parentSpanId: e.parentSpanId });
    }
    return index;
  }

  /** Indices of a workflow's events in ingest order, from its first event and count. */
  chain(first: number, count: number): Uint32Array {
    const out = new Uint32Array(count);
    let at = first;
    for (let k = 0; k < count; k++) {
      out[k] = at;
      const step = this.nextInWorkflow.get(at);
      if (step === 0) return k + 1 === count ? out : out.subarray(0, k + 1);
      at += step;
    }
    return out;
  }

  /** Reserves room for about `rows` events (a bulk read that knows its size grows without copies). */
  reserve(rows: number): void {
    for (const column of this.columns()) column.reserve(rows);
  }

  kindCode(i: number): number {
    return this.flags.get(i) & 7;
  }
  kind(i: number): EventKind {
    return KIND_CODES[this.flags.get(i) & 7] as EventKind;
  }
  status(i: number): Status {
    return ((this.flags.get(i) >> 3) & 1) as Status;
  }
  level(i: number): Level {
    return LEVEL_CODES[(this.flags.get(i) >> 4) & 7] as Level;
  }
  timestamp(i: number): number {
    return this.ts.get(i);
  }
  durationMs(i: number): number {
    return this.duration.get(i);
  }
  name(i: number): string {
    return this.strings.get(this.nameId.get(i)) ?? '';
  }
  subject(i: number): string {
    const id = this.subjectId.get(i);
    return id === 0 ? this.name(i) : (this.strings.get(id) ?? '');
  }
  agentName(i: number): string | undefined {
    return this.strings.get(this.agentId.get(i));
  }
  agentNameId(i: number): number {
    return this.agentId.get(i);
  }
  workflowKeyId(i: number): number {
    return this.workflowId.get(i);
  }
  sourceId(i: number): number {
    return this.source.get(i);
  }
  lineNo(i: number): number {
    return this.line.get(i);
  }
  offset(i: number): number {
    return this.byteOffset.get(i);
  }
  explicitSpan(i: number): { spanId: string | undefined; parentSpanId: string | undefined } | undefined {
    return this.explicitSpans.get(i);
  }
  get hasExplicitSpans(): boolean {
    return this.explicitSpans.size > 0;
  }

  get(i: number): StoredEvent {
    const span = this.explicitSpans.get(i);
    return {
      index: i,
      kind: this.kind(i),
      ts: this.timestamp(i),
      durationMs: this.durationMs(i),
      status: this.status(i),
      level: this.level(i),
      name: this.name(i),
      subject: this.subject(i),
      agentName: this.agentName(i),
      workflowKey: this.strings.get(this.workflowKeyId(i)) ?? '',
      sourceId: this.sourceId(i),
      line: this.lineNo(i),
      byteOffset: this.offset(i),
      spanId: span?.spanId,
      parentSpanId: span?.parentSpanId,
    };
  }

  /** Drops the columns' growth slack. */
  compact(): void {
    for (const column of this.columns()) column.shrinkToFit();
  }

  get byteLength(): number {
    let bytes = 0;
    for (const column of this.columns()) bytes += column.byteLength;
    return bytes;
  }

  private columns(): Array<Column<Float64Array> | Column<Uint8Array> | UintColumn> {
    return [this.ts, this.duration, this.byteOffset, this.line, this.source, this.nameId, this.subjectId, this.agentId, this.workflowId, this.flags, this.nextInWorkflow];
  }
}
