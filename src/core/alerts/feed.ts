/**
 * Connects the ingest engine to the alert engine (an `IngestObserver`). Two modes:
 *
 * - `record`: lines are read file after file, but alerts must be evaluated in the merged
 *   time order of all sources (design §5, replay). The feed records per line only what
 *   alerts need (timestamp, position, workflow, and the stream ids and values it feeds:
 *   about 32 bytes a line plus 12 a contribution), then `replay()` sorts the lines stably
 *   by timestamp (ties keep source order, then line order) and evaluates every rule after
 *   each line at that line's timestamp. Deterministic, and stamped in event time.
 * - `live`: each line is handed to the alert engine as it is ingested; the caller
 *   evaluates on each batch and on a wall-clock tick.
 */
import type { EventRecord, ParsedObject } from '../formats/record';
import type { Tags } from '../metrics/store';
import type { IngestObserver, LineRef } from '../model/engine';
import { Column } from '../util/columns';
import type { AlertEngine } from './alertEngine';
import type { AlertChange } from './alertDict';

export type FeedMode = 'record' | 'live';

export class AlertFeed implements IngestObserver {
  private mode: FeedMode;
  /** Contributions of the line being ingested (points arrive before the line's event). */
  private readonly pendingStreams: number[] = [];
  private readonly pendingValues: number[] = [];
  /** workflow_id of the line's event; for a MetricPoint line, its `workflow_id` tag. */
  private lineWorkflow: string | undefined;
  // The recording, one row per line with a timestamp.
  private lineTs = new Column(Float64Array, 1024);
  private lineSource = new Column(Uint32Array, 1024);
  private lineNo = new Column(Uint32Array, 1024);
  private lineOffset = new Column(Float64Array, 1024);
  private lineWorkflowId = new Column(Uint32Array, 1024);
  /** Contributions of line i are [lineEnd[i-1], lineEnd[i]). */
  private lineEnd = new Column(Uint32Array, 1024);
  private contribStream = new Column(Uint32Array, 1024);
  private contribValue = new Column(Float64Array, 1024);

  constructor(readonly alerts: AlertEngine, mode: FeedMode = 'record') {
    this.mode = mode;
  }

  get recordedLines(): number {
    return this.lineTs.length;
  }

  onPoint(name: string, tags: Tags, _ts: number, value: number, _ref: LineRef): void {
    if (this.lineWorkflow === undefined && Object.prototype.hasOwnProperty.call(tags, 'workflow_id')) this.lineWorkflow = tags.workflow_id;

    if (!this.alerts.wantsMetric(name)) return;
    for (const id of this.alerts.streamsForPoint(name, tags)) {
      this.pendingStreams.push(id);
      this.pendingValues.push(value);
    }
  }

  onEvent(event: EventRecord, obj: ParsedObject): void {
    // Derived points came first and may carry a workflow tag built from other ids: the event's own field wins.
    this.lineWorkflow = event.workflowId;
    if (!this.alerts.hasPatternRules) return;
    for (const id of this.alerts.streamsForEvent(event.name, obj)) {
      this.pendingStreams.push(id);
      this.pendingValues.push(1);
    }
  }

  onLineDone(ts: number, ref: LineRef): void {
    if (Number.isFinite(ts)) {
      if (this.mode === 'record') this.record(ts, ref);
      else this.forward(ts, ref);
    }
    this.pendingStreams.length = 0;
    this.pendingValues.length = 0;
    this.lineWorkflow = undefined;
  }

  private record(ts: number, ref: LineRef): void {
    this.lineTs.push(ts);
    this.lineSource.push(ref.sourceId);
    this.lineNo.push(ref.line);
    this.lineOffset.push(ref.byteOffset);
    this.lineWorkflowId.push(this.alerts.internWorkflow(this.lineWorkflow));
    for (let i = 0; i < this.pendingStreams.length; i++) {
      this.contribStream.push(this.pendingStreams[i] as number);
      this.contribValue.push(this.pendingValues[i] as number);
    }
    this.lineEnd.push(this.contribStream.length);
  }

  private forward(ts: number, ref: LineRef): void {
    this.alerts.noteActivity(ts);
    if (this.pendingStreams.length === 0) return;
    const wf = this.alerts.internWorkflow(this.lineWorkflow);
    for (let i = 0; i < this.pendingStreams.length; i++) {
      this.alerts.stage(this.pendingStreams[i] as number, ts, this.pendingValues[i] as number, ref, wf);
    }
  }

  /** Line indices in merged order: by timestamp, ties in recording (source, then line) order. */
  private mergedOrder(): Uint32Array {
    const ts = this.lineTs.view();
    const order = new Uint32Array(ts.length);
    let sorted = true;
    for (let i = 0; i < ts.length; i++) {
      order[i] = i;
      if (i > 0 && (ts[i] as number) < (ts[i - 1] as number)) sorted = false;
    }
    if (!sorted) order.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
    return order;
  }

  /**
   * Evaluates the recorded lines in merged order and forgets them; returns every state
   * change. With `historical`, the changes are marked as history (listed, not notified).
   */
  replay(options: { historical?: boolean } = {}): AlertChange[] {
    const order = this.mergedOrder();
    const ts = this.lineTs.view();
    const end = this.lineEnd.view();
    const streams = this.contribStream.view();
    const values = this.contribValue.view();
    const changes: AlertChange[] = [];
    const ref: LineRef = { sourceId: 0, line: 0, byteOffset: 0 };
    for (const i of order) {
      const t = ts[i] as number;
      this.alerts.noteActivity(t);
      const from = i === 0 ? 0 : (end[i - 1] as number);
      const to = end[i] as number;
      if (to > from) {
        ref.sourceId = this.lineSource.get(i);
        ref.line = this.lineNo.get(i);
        ref.byteOffset = this.lineOffset.get(i);
        const wf = this.lineWorkflowId.get(i);
        for (let c = from; c < to; c++) this.alerts.stage(streams[c] as number, t, values[c] as number, ref, wf);
      }
      const out = this.alerts.evaluate(t, options);
      for (const change of out) changes.push(change);
    }
    this.clearRecording();
    return changes;
  }

  /** Switches to live feeding (call after `replay()` of the history). */
  goLive(): void {
    this.mode = 'live';
  }

  /** Drops the recording and its memory. */
  private clearRecording(): void {
    this.lineTs = new Column(Float64Array, 1024);
    this.lineSource = new Column(Uint32Array, 1024);
    this.lineNo = new Column(Uint32Array, 1024);
    this.lineOffset = new Column(Float64Array, 1024);
    this.lineWorkflowId = new Column(Uint32Array, 1024);
    this.lineEnd = new Column(Uint32Array, 1024);
    this.contribStream = new Column(Uint32Array, 1024);
    this.contribValue = new Column(Float64Array, 1024);
  }
}
