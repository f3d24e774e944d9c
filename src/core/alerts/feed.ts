/**
 * Connects the ingest engine to the alert engine (an `IngestObserver`). Two modes:
 *
 * - `record`: lines are read file after file, but alerts must be evaluated in the merged
 *   time order of all sources (design §5, replay). The feed records per line only what
 *   alerts need: timestamp, position and workflow (36 bytes), its points of metrics some
 *   rule reads as (series id, value) (12 bytes each, whatever the number of rules), and
 *   the pattern rules its event matched (patterns are searched once, at ingest: the text
 *   is not kept). Then `replay()` sorts the lines stably
 *   by timestamp (ties keep source order, then line order) and evaluates every rule after
 *   each line at that line's timestamp. Deterministic, and stamped in event time.
 * - `live`: each line is handed to the alert engine as it is ingested; the caller
 *   evaluates on each batch and on a wall-clock tick.
 */
import type { EventRecord, ParsedObject } from '../formats/record';
import type { Tags } from '../metrics/store';
import type { IngestObserver, LineRef } from '../model/engine';
import { Column } from '../util/columns';
import { stableOrder } from '../util/order';
import type { AlertEngine } from './alertEngine';
import type { AlertChange } from './alertDict';

export type FeedMode = 'record' | 'live';

export class AlertFeed implements IngestObserver {
  private mode: FeedMode;
  /** What the line being ingested feeds (its points arrive before its event). */
  private readonly pendingSeries: number[] = [];
  private readonly pendingValues: number[] = [];
  private readonly pendingMatches: number[] = [];
  /** workflow_id of the line's event; for a MetricPoint line, its `workflow_id` tag. */
  private lineWorkflow: string | undefined;
  private rec = new Recording();

  constructor(readonly alerts: AlertEngine, mode: FeedMode = 'record') {
    this.mode = mode;
  }

  get recordedLines(): number {
    return this.rec.ts.length;
  }

  onPoint(name: string, tags: Tags, _ts: number, value: number): void {
    if (this.lineWorkflow === undefined && Object.prototype.hasOwnProperty.call(tags, 'workflow_id')) this.lineWorkflow = tags.workflow_id;
    const series = this.alerts.seriesOf(name, tags);
    if (series < 0) return;
    this.pendingSeries.push(series);
    this.pendingValues.push(value);
  }

  onEvent(event: EventRecord, obj: ParsedObject): void {
    // Derived points came first and may carry a workflow tag built from other ids: the event's own field wins.
    this.lineWorkflow = event.workflowId;
    if (!this.alerts.hasPatternRules) return;
    for (const id of this.alerts.streamsForEvent(event.name, obj)) this.pendingMatches.push(id);
  }

  onLineDone(ts: number, ref: LineRef): void {
    if (Number.isFinite(ts)) {
      if (this.mode === 'record') this.record(ts, ref);
      else this.forward(ts, ref);
    }
    this.pendingSeries.length = 0;
    this.pendingValues.length = 0;
    this.pendingMatches.length = 0;
    this.lineWorkflow = undefined;
  }

  private record(ts: number, ref: LineRef): void {
    const r = this.rec;
    r.ts.push(ts);
    r.source.push(ref.sourceId);
    r.line.push(ref.line);
    r.offset.push(ref.byteOffset);
    r.workflow.push(this.alerts.internWorkflow(this.lineWorkflow));
    for (let i = 0; i < this.pendingSeries.length; i++) {
      r.series.push(this.pendingSeries[i] as number);
      r.value.push(this.pendingValues[i] as number);
    }
    for (const id of this.pendingMatches) r.match.push(id);
    r.pointEnd.push(r.series.length);
    r.matchEnd.push(r.match.length);
  }

  private forward(ts: number, ref: LineRef): void {
    this.alerts.noteActivity(ts);
    if (this.pendingSeries.length === 0 && this.pendingMatches.length === 0) return;
    const wf = this.alerts.internWorkflow(this.lineWorkflow);
    for (let i = 0; i < this.pendingSeries.length; i++) {
      const value = this.pendingValues[i] as number;
      for (const id of this.alerts.streamsOfSeries(this.pendingSeries[i] as number)) this.alerts.stage(id, ts, value, ref, wf);
    }
    for (const id of this.pendingMatches) this.alerts.stage(id, ts, 1, ref, wf);
  }

  /**
   * Evaluates the recorded lines in merged order and forgets them; returns every state
   * change. With `historical`, the changes are marked as history (listed, not notified).
   */
  replay(options: { historical?: boolean } = {}): AlertChange[] {
    const r = this.rec;
    this.rec = new Recording();
    const order = r.mergedOrder();
    const ts = r.ts.view();
    const pointEnd = r.pointEnd.view();
    const matchEnd = r.matchEnd.view();
    const series = r.series.view();
    const values = r.value.view();
    const matches = r.match.view();
    const changes: AlertChange[] = [];
    const ref: LineRef = { sourceId: 0, line: 0, byteOffset: 0 };
    for (const i of order) {
      const t = ts[i] as number;
      this.alerts.noteActivity(t);
      const p0 = i === 0 ? 0 : (pointEnd[i - 1] as number);
      const p1 = pointEnd[i] as number;
      const m0 = i === 0 ? 0 : (matchEnd[i - 1] as number);
      const m1 = matchEnd[i] as number;
      if (p1 > p0 || m1 > m0) {
        ref.sourceId = r.source.get(i);
        ref.line = r.line.get(i);
        ref.byteOffset = r.offset.get(i);
        const wf = r.workflow.get(i);
        for (let c = p0; c < p1; c++) {
          const value = values[c] as number;
          for (const id of this.alerts.streamsOfSeries(series[c] as number)) this.alerts.addAt(id, t, value, ref, wf);
        }
        for (let c = m0; c < m1; c++) this.alerts.addAt(matches[c] as number, t, 1, ref, wf);
      }
      const out = this.alerts.evaluate(t, options);
      for (const change of out) changes.push(change);
    }
    return changes;
  }

  /** Switches to live feeding (call after `replay()` of the history). */
  goLive(): void {
    this.mode = 'live';
  }
}

/** The recorded lines, as columns. */
class Recording {
  readonly ts = new Column(Float64Array, 1024);
  readonly source = new Column(Uint32Array, 1024);
  readonly line = new Column(Uint32Array, 1024);
  readonly offset = new Column(Float64Array, 1024);
  readonly workflow = new Column(Uint32Array, 1024);
  /** Points of line i are [pointEnd[i-1], pointEnd[i]); pattern matches likewise with matchEnd. */
  readonly pointEnd = new Column(Uint32Array, 1024);
  readonly matchEnd = new Column(Uint32Array, 1024);
  readonly series = new Column(Uint32Array, 1024);
  readonly value = new Column(Float64Array, 1024);
  readonly match = new Column(Uint32Array, 256);

  /** Line indices by timestamp, ties in recording (source, then line) order. */
  mergedOrder(): Uint32Array {
    return stableOrder(this.ts.view());
  }
}
