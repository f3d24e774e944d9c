/**
 * Lines as a parse worker hands them to the engine's thread (parallel ingest): the result
 * of `parseLogLine` + `readEvent` for a run of consecutive lines, in typed-array columns plus
 * one table of the batch's distinct strings, so a batch crosses threads without JSON and
 * its arrays move without a copy. Reading gives back exactly what the worker read.
 */
import { WORKFLOW_END_FIELDS } from '../metrics/derive';
import { KIND_CODE, KIND_CODES, LEVEL_CODE, LEVEL_CODES } from '../model/eventStore';
import type { Level } from './fields';
import type { EventKind, EventRecord, ParsedObject, WorkflowPhase } from './record';

export const LINE_BLANK = 0;
export const LINE_MALFORMED = 1;
export const LINE_EVENT = 2;
/**
 * Any other line (metric point, alert, OTLP, unknown object): its text, parsed again on the
 * engine's thread; re-serializing the object would not be exact (a non-finite number
 * becomes null, which changes how `detectKind` reads the line).
 */
export const LINE_TEXT = 3;

const PHASES: readonly WorkflowPhase[] = ['none', 'start', 'end'];
const PHASE_CODE: Readonly<Record<WorkflowPhase, number>> = { none: 0, start: 1, end: 2 };
/** String columns of an event, in this order. */
const STRING_FIELDS = ['name', 'agentName', 'toolName', 'workflowId', 'requestId', 'traceId', 'spanId', 'parentSpanId', 'subject'] as const;
const STRINGS = STRING_FIELDS.length;

export interface LineBatch {
  count: number;
  /** LINE_* per line. */
  tag: Uint8Array;
  offset: Float64Array;
  /** kind | level << 3 | phase << 6 per line. */
  codes: Uint8Array;
  success: Int8Array;
  /** ts, durationMs, costEstimate, inputTokens, outputTokens per line (NaN where absent). */
  numbers: Float64Array;
  /** 1: costEstimateAbsent, 2: has LLM usage. */
  flags: Uint8Array;
  /** STRING_FIELDS then the LLM model per line, or the malformed reason / text in the first; 0 = undefined, else 1 + index in `strings`. */
  refs: Uint32Array;
  strings: string[];
  /** The WORKFLOW_END_FIELDS of workflow_completed/failed lines, by line index in the batch. */
  workflowEnds: Array<[number, ParsedObject]>;
}

const NUMBERS = 5;
const REFS = STRINGS + 1;

export class LineBatchWriter {
  private batch: LineBatch;
  private readonly ids = new Map<string, number>();

  constructor(private readonly capacity: number) {
    this.batch = LineBatchWriter.empty(capacity);
  }

  private static empty(n: number): LineBatch {
    return {
      count: 0, tag: new Uint8Array(n), offset: new Float64Array(n), codes: new Uint8Array(n), success: new Int8Array(n),
      numbers: new Float64Array(n * NUMBERS), flags: new Uint8Array(n), refs: new Uint32Array(n * REFS), strings: [], workflowEnds: [],
    };
  }

  get full(): boolean {
    return this.batch.count >= this.capacity;
  }

  get size(): number {
    return this.batch.count;
  }

  blank(offset: number): void {
    this.next(LINE_BLANK, offset);
  }

  malformed(offset: number, reason: string): void {
    const i = this.next(LINE_MALFORMED, offset);
    this.batch.refs[i * REFS] = this.ref(reason);
  }

  text(offset: number, text: string): void {
    const i = this.next(LINE_TEXT, offset);
    this.batch.refs[i * REFS] = this.ref(text);
  }

  event(offset: number, ev: EventRecord, obj: ParsedObject): void {
    const b = this.batch;
    const i = this.next(LINE_EVENT, offset);
    b.codes[i] = (KIND_CODE[ev.kind] as number) | ((LEVEL_CODE[ev.level] as number) << 3) | ((PHASE_CODE[ev.workflowPhase] as number) << 6);
    b.success[i] = ev.success;
    const n = i * NUMBERS;
    b.numbers[n] = ev.ts;
    b.numbers[n + 1] = ev.durationMs;
    b.numbers[n + 2] = ev.costEstimate;
    let flags = ev.costEstimateAbsent ? 1 : 0;
    const r = i * REFS;
    for (let k = 0; k < STRINGS; k++) b.refs[r + k] = this.ref(ev[STRING_FIELDS[k] as (typeof STRING_FIELDS)[number]]);
    if (ev.llm) {
      flags |= 2;
      b.numbers[n + 3] = ev.llm.inputTokens;
      b.numbers[n + 4] = ev.llm.outputTokens;
      b.refs[r + STRINGS] = this.ref(ev.llm.model);
    }
    b.flags[i] = flags;
    if (ev.workflowPhase === 'end') {
      const fields: ParsedObject = {};
      for (const key of WORKFLOW_END_FIELDS) if (obj[key] !== undefined) fields[key] = obj[key];
      b.workflowEnds.push([i, fields]);
    }
  }

  /** The batch so far (its arrays can be transferred), and a fresh one started. */
  take(): LineBatch {
    const done = this.batch;
    this.batch = LineBatchWriter.empty(this.capacity);
    this.ids.clear();
    return done;
  }

  private next(tag: number, offset: number): number {
    const i = this.batch.count++;
    this.batch.tag[i] = tag;
    this.batch.offset[i] = offset;
    return i;
  }

  private ref(value: string | undefined): number {
    if (value === undefined) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.batch.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

export function transferables(batch: LineBatch): ArrayBuffer[] {
  return [batch.tag, batch.offset, batch.codes, batch.success, batch.numbers, batch.flags, batch.refs].map((a) => a.buffer as ArrayBuffer);
}

const NO_FIELDS: ParsedObject = Object.freeze({}) as ParsedObject;

/** Reads line `i` of a batch back. */
export class LineBatchReader {
  private readonly ends: Map<number, ParsedObject>;

  constructor(readonly batch: LineBatch) {
    this.ends = new Map(batch.workflowEnds);
  }

  tag(i: number): number {
    return this.batch.tag[i] as number;
  }

  offset(i: number): number {
    return this.batch.offset[i] as number;
  }

  /** The malformed reason or the text of line `i`. */
  text(i: number): string {
    return this.str(this.batch.refs[i * REFS] as number) ?? '';
  }

  event(i: number): { event: EventRecord; obj: ParsedObject } {
    const b = this.batch;
    const codes = b.codes[i] as number;
    const n = i * NUMBERS;
    const r = i * REFS;
    const flags = b.flags[i] as number;
    const event: EventRecord = {
      kind: KIND_CODES[codes & 7] as EventKind,
      name: this.str(b.refs[r] as number) ?? '',
      ts: b.numbers[n] as number,
      level: LEVEL_CODES[(codes >> 3) & 7] as Level,
      durationMs: b.numbers[n + 1] as number,
      success: b.success[i] as number,
      agentName: this.str(b.refs[r + 1] as number),
      toolName: this.str(b.refs[r + 2] as number),
      workflowId: this.str(b.refs[r + 3] as number),
      requestId: this.str(b.refs[r + 4] as number),
      traceId: this.str(b.refs[r + 5] as number),
      spanId: this.str(b.refs[r + 6] as number),
      parentSpanId: this.str(b.refs[r + 7] as number),
      subject: this.str(b.refs[r + 8] as number) ?? '',
      workflowPhase: PHASES[codes >> 6] as WorkflowPhase,
      costEstimate: b.numbers[n + 2] as number,
      costEstimateAbsent: (flags & 1) !== 0,
      llm: (flags & 2) !== 0 ? { model: this.str(b.refs[r + STRINGS] as number), inputTokens: b.numbers[n + 3] as number, outputTokens: b.numbers[n + 4] as number } : undefined,
    };
    return { event, obj: this.ends.get(i) ?? NO_FIELDS };
  }

  private str(ref: number): string | undefined {
    return ref === 0 ? undefined : this.batch.strings[ref - 1];
  }
}
