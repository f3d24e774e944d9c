/**
 * The in-process engine: parsed lines in; events, metric points, workflows, cost and
 * external alerts out. It knows nothing of files: callers feed it lines with their
 * position (see `lineIngest.ts` for the byte-level entry point).
 */
import { PriceBook, type PriceTable } from '../cost/prices';
import { CostLedger } from '../cost/ledger';
import { detectKind, parseLogLine, readEvent, readMetricPoint, type EventRecord, type ParsedObject } from '../formats/record';
import { deriveAgentMetrics, deriveToolMetrics, deriveWorkflowMetrics, type PointSink } from '../metrics/derive';
import { MetricStore, type Tags } from '../metrics/store';
import { toEpochMs, type NaiveTimeZone } from '../util/time';
import { EventStore, STATUS_ERROR, STATUS_OK } from './eventStore';
import { SourceStats } from './sources';
import { WorkflowAggregate } from './workflows';

export interface EngineOptions {
  naiveTimeZone?: NaiveTimeZone;
  /** Price tables, later ones overriding earlier ones. */
  prices?: readonly PriceTable[];
  /** Metric retention, measured back from the newest event; undefined keeps everything. */
  retentionMs?: number;
}

export interface LineRef {
  sourceId: number;
  line: number;
  byteOffset: number;
}

/** What the alert engine (and live views) hear about each ingested line. */
export interface IngestObserver {
  onPoint?(name: string, tags: Tags, ts: number, value: number, ref: LineRef): void;
  onEvent?(event: EventRecord, obj: ParsedObject, ref: LineRef): void;
  onExternalAlert?(alert: ParsedObject, ts: number, ref: LineRef): void;
  /** An event of this workflow (its key: workflow_id, else trace or request id, else `file:<path>`) was ingested. */
  onWorkflowTouched?(key: string): void;
  /** Called once per line after everything it produced was recorded. */
  onLineDone?(ts: number, ref: LineRef): void;
}

export interface ExternalAlert {
  alert: ParsedObject;
  ts: number;
  ref: LineRef;
}

const MAX_EXTERNAL_ALERTS = 10_000;

export class Engine implements PointSink {
  readonly events = new EventStore();
  readonly metrics = new MetricStore();
  readonly cost: CostLedger;
  readonly prices: PriceBook;
  readonly sources: SourceStats[] = [];
  readonly externalAlerts: ExternalAlert[] = [];
  private readonly workflowsById = new Map<number, WorkflowAggregate>();
  private readonly naive: NaiveTimeZone;
  private readonly retentionMs: number | undefined;
  private observers: IngestObserver[] = [];
  private newest = -Infinity;
  private lastRetentionCut = -Infinity;
  /** Position of the line being ingested, for observers (allocated only when someone observes). */
  private current: LineRef = { sourceId: 0, line: 0, byteOffset: 0 };
  private readonly scratchRef: LineRef = { sourceId: 0, line: 0, byteOffset: 0 };

  constructor(options: EngineOptions = {}) {
    this.naive = options.naiveTimeZone ?? 'utc';
    this.retentionMs = options.retentionMs;
    this.prices = new PriceBook(options.prices ?? []);
    this.cost = new CostLedger(this.prices);
  }

  observe(observer: IngestObserver): () => void {
    this.observers.push(observer);
    return () => {
      this.observers = this.observers.filter((o) => o !== observer);
    };
  }

  addSource(path: string): SourceStats {
    const stats = new SourceStats(this.sources.length, path);
    this.sources.push(stats);
    return stats;
  }

  /** How timestamps without a zone are read. */
  get naiveTimeZone(): NaiveTimeZone {
    return this.naive;
  }

  /** Whether anything listens line by line (then lines must be ingested as parsed objects). */
  get observed(): boolean {
    return this.observers.length > 0;
  }

  /** Newest event timestamp seen (epoch ms), -Infinity before any. */
  get newestTs(): number {
    return this.newest;
  }

  workflows(): WorkflowAggregate[] {
    return [...this.workflowsById.values()];
  }

  workflowByKey(key: string): WorkflowAggregate | undefined {
    const id = this.events.strings.lookup(key);
    return id === undefined ? undefined : this.workflowsById.get(id);
  }

  /** Event indices of a workflow, in ingest order. */
  eventsOf(workflow: WorkflowAggregate): Uint32Array {
    return this.events.chain(workflow.firstEvent, workflow.events);
  }

  /** A bulk reader that knows roughly how many events are coming reserves room for them. */
  reserveEvents(count: number): void {
    this.events.reserve(this.events.length + count);
  }

  /** After a bulk read: release the columns' growth slack (a live engine keeps it to grow cheaply). */
  compact(): void {
    this.events.compact();
    this.metrics.compact();
  }

  ingestBlank(source: SourceStats): void {
    source.lines++;
    source.blank++;
  }

  ingestMalformed(source: SourceStats, line: number, byteOffset: number, reason: string): void {
    source.lines++;
    source.addMalformed(line, byteOffset, reason);
  }

  /** One line of text (without its newline). */
  ingestText(source: SourceStats, text: string, line: number, byteOffset: number): void {
    const parsed = parseLogLine(text);
    if (typeof parsed === 'string') this.ingestMalformed(source, line, byteOffset, parsed);
    else this.ingestObject(source, parsed, line, byteOffset);
  }

  /**
   * An event line already read by `readEvent` elsewhere (a parse worker): recorded exactly as
   * `ingestObject` would record the line. `obj` needs only WORKFLOW_END_FIELDS (derive.ts).
   */
  ingestReadEvent(source: SourceStats, event: EventRecord, obj: ParsedObject, line: number, byteOffset: number): void {
    this.ingestObject(source, obj, line, byteOffset, event);
  }

  ingestObject(source: SourceStats, obj: ParsedObject, line: number, byteOffset: number, preRead?: EventRecord): void {
    source.lines++;
    let ref: LineRef;
    if (this.observers.length === 0) {
      // Nobody keeps the position: one scratch object instead of one per line.
      ref = this.scratchRef;
      ref.sourceId = source.id;
      ref.line = line;
      ref.byteOffset = byteOffset;
    } else {
      ref = { sourceId: source.id, line, byteOffset };
    }
    this.current = ref;
    let ts = NaN;
    switch (preRead ? 'event' : detectKind(obj)) {
      case 'event':
        ts = this.ingestEvent(source, obj, ref, preRead ?? readEvent(obj, this.naive));
        source.kindsSeen |= 1;
        source.events++;
        break;
      case 'metric': {
        const point = readMetricPoint(obj, this.naive);
        if (!point) {
          source.addMalformed(line, byteOffset, 'metric point without a finite value or timestamp');
          return;
        }
        ts = point.ts;
        this.metrics.record(point.name, point.tags, point.ts, point.value);
        for (const o of this.observers) o.onPoint?.(point.name, point.tags, point.ts, point.value, ref);
        source.kindsSeen |= 2;
        source.events++;
        break;
      }
      case 'alert': {
        ts = this.timestampOr(source, obj.timestamp);
        if (this.externalAlerts.length < MAX_EXTERNAL_ALERTS) this.externalAlerts.push({ alert: obj, ts, ref });
        for (const o of this.observers) o.onExternalAlert?.(obj, ts, ref);
        source.kindsSeen |= 4;
        source.events++;
        break;
      }
      case 'otlp':
        source.kindsSeen |= 8;
        return;
      case 'other':
        return;
    }
    if (!Number.isNaN(ts)) {
      source.lastTs = ts;
      if (ts > this.newest) this.newest = ts;
    }
    for (const o of this.observers) o.onLineDone?.(ts, ref);
    this.applyRetention();
  }

  /** PointSink: records a derived metric point and tells observers. */
  point(name: string, tagKey: string, tagValue: string, ts: number, value: number): void {
    this.metrics.recordTagged(name, tagKey, tagValue, ts, value);
    if (this.observers.length === 0) return;
    const tags = { [tagKey]: tagValue } as Tags;
    for (const o of this.observers) o.onPoint?.(name, tags, ts, value, this.current);
  }

  private timestampOr(source: SourceStats, raw: unknown): number {
    const ts = typeof raw === 'string' || typeof raw === 'number' ? toEpochMs(raw, this.naive) : NaN;
    return Number.isNaN(ts) ? source.lastTs : ts;
  }

  private ingestEvent(source: SourceStats, obj: ParsedObject, ref: LineRef, ev: EventRecord): number {
    // A line without a readable timestamp takes the previous line's (lnav does the same).
    if (Number.isNaN(ev.ts)) ev.ts = source.lastTs;
    const wf = this.workflowFor(ev, source);
    wf.touch(ev.ts);
    for (const o of this.observers) o.onWorkflowTouched?.(wf.key);
    const failed = ev.success === 0 || (ev.success === -1 && (ev.level === 'error' || ev.level === 'critical'));
    const index = this.events.add(ev, failed ? STATUS_ERROR : STATUS_OK, wf.keyId, ref.sourceId, ref.line, ref.byteOffset, wf.lastEvent);
    wf.linkEvent(index);
    switch (ev.kind) {
      case 'agent':
        wf.agents++;
        if (ev.success === 0) wf.errors++;
        deriveAgentMetrics(ev, this);
        break;
      case 'tool':
        wf.tools++;
        if (ev.success === 0) wf.errors++;
        deriveToolMetrics(ev, this);
        if (ev.toolName !== undefined && !Number.isNaN(ev.costEstimate)) {
          this.cost.addToolCost(ev.toolName, ev.agentName, wf.key, ev.costEstimate);
        }
        break;
      case 'workflow':
        if (ev.workflowPhase === 'start' && Number.isNaN(wf.startedTs)) wf.startedTs = ev.ts;
        if (ev.workflowPhase === 'end') {
          wf.endedTs = ev.ts;
          wf.status = ev.name === 'workflow_failed' ? 'failed' : 'completed';
          deriveWorkflowMetrics(ev, obj, wf, this);
        }
        break;
      default:
        break;
    }
    if (ev.llm) this.recordLlmUsage(ev, wf);
    for (const o of this.observers) o.onEvent?.(ev, obj, ref);
    return ev.ts;
  }

  private recordLlmUsage(ev: EventRecord, wf: WorkflowAggregate): void {
    const llm = ev.llm;
    if (!llm) return;
    const usd = this.cost.addLlmUsage(llm.model, llm.inputTokens, llm.outputTokens, ev.agentName, wf.key);
    const model = llm.model ?? '(unknown model)';
    this.point('llm_input_tokens', 'model', model, ev.ts, llm.inputTokens);
    this.point('llm_output_tokens', 'model', model, ev.ts, llm.outputTokens);
    if (usd !== undefined) this.point('llm_cost_usd', 'model', model, ev.ts, usd);
  }

  private workflowFor(ev: EventRecord, source: SourceStats): WorkflowAggregate {
    const key = ev.workflowId ?? ev.traceId ?? ev.requestId ?? `file:${source.path}`;
    const keyId = this.events.strings.intern(key);
    let wf = this.workflowsById.get(keyId);
    if (!wf) {
      wf = new WorkflowAggregate(key, keyId, ev.workflowId !== undefined);
      this.workflowsById.set(keyId, wf);
    }
    return wf;
  }

  private applyRetention(): void {
    if (this.retentionMs === undefined || this.newest === -Infinity) return;
    // Cut at most once per tenth of the retention period: dropping is a copy.
    if (this.newest - this.lastRetentionCut < this.retentionMs / 10) return;
    this.lastRetentionCut = this.newest;
    this.metrics.dropBefore(this.newest - this.retentionMs);
  }
}
