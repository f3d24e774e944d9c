/** Read-only questions the extension asks about the engine's state (runs, traces, metrics, sources). */
import type { Engine } from '../../core/model/engine';
import type { WorkflowAggregate } from '../../core/model/workflows';
import { summarizeSeries, type MetricSummary } from '../../core/metrics/store';
import type { MetricNameDto, MetricRowDto, NodeLocation, RunDto, TracedLineDto } from '../../protocol/engineProtocol';
import { indexTrace, nodeId } from '../../core/traces/build';
import { TraceView, type SpanSummary } from '../../core/traces/traceView';
import { isActiveFilter, runMatches, type RunsFilter } from '../../protocol/runsFilter';
import { LineIndex } from './lineIndex';

const MAX_AGENT_NAMES = 32;
/** Lines one `tracedLines` question may cover (a screenful is ~50-100). */
export const MAX_TRACED_LINES = 2000;
/** Trace indexes kept for expanded runs (each is a few typed arrays). */
const MAX_CACHED_TRACES = 16;

export class EngineQueries {
  /** Agent names per workflow, with the event count they were computed at. */
  private readonly agentNameCache = new Map<string, { events: number; names: string[] }>();

  private readonly traceViews = new Map<string, { events: number; view: TraceView }>();
  private readonly lines: LineIndex;

  constructor(private readonly engine: Engine) {
    this.lines = new LineIndex(engine.events);
  }

  traceChildren(workflowId: string, parentId: string | null): SpanSummary[] | null {
    return this.traceView(workflowId)?.children(parentId) ?? null;
  }

  traceAncestry(workflowId: string, id: string): SpanSummary[] | null {
    return this.traceView(workflowId)?.ancestry(id) ?? null;
  }

  /** The indexed trace of a workflow, rebuilt when the workflow got new events. */
  private traceView(workflowId: string): TraceView | undefined {
    const wf = this.engine.workflowByKey(workflowId);
    if (!wf) return undefined;
    const cached = this.traceViews.get(workflowId);
    if (cached && cached.events === wf.events) {
      // Most recently used last.
      this.traceViews.delete(workflowId);
      this.traceViews.set(workflowId, cached);
      return cached.view;
    }
    const view = new TraceView(this.engine, indexTrace(this.engine, wf));
    this.traceViews.delete(workflowId);
    this.traceViews.set(workflowId, { events: wf.events, view });
    if (this.traceViews.size > MAX_CACHED_TRACES) {
      const oldest = this.traceViews.keys().next().value;
      if (oldest !== undefined) this.traceViews.delete(oldest);
    }
    return view;
  }

  /**
   * The `limit` newest runs matching `filter`, newest first. Only those are summarised: a
   * summary costs far more than the sort, and the filter reads the aggregates (agent names
   * are cached per workflow), so a filter over 100k runs returns only what is shown.
   */
  runs(limit: number, filter?: RunsFilter): RunDto[] {
    const lastMs = (wf: WorkflowAggregate): number => (wf.lastTs === -Infinity ? 0 : wf.lastTs);
    let all = [...this.engine.workflows()];
    if (isActiveFilter(filter)) {
      const names = (wf: WorkflowAggregate): string[] => this.agentNames(wf);
      all = all.filter((wf) => runMatches({ workflow_id: wf.key, status: wf.status, errors: wf.errors, get agentNames() { return names(wf); } }, filter));
    }
    const newest = all.sort((a, b) => lastMs(b) - lastMs(a)).slice(0, limit);
    return newest.map((wf) => ({ ...wf.summary(this.engine.cost.workflowCost(wf.key)), lastEventMs: lastMs(wf), agentNames: this.agentNames(wf) }));
  }

  private agentNames(wf: WorkflowAggregate): string[] {
    const cached = this.agentNameCache.get(wf.key);
    if (cached && cached.events === wf.events) return cached.names;
    const names = new Set<string>();
    const events = this.engine.eventsOf(wf);
    for (let i = 0; i < events.length && names.size < MAX_AGENT_NAMES; i++) {
      const name = this.engine.events.agentName(events[i] as number);
      if (name !== undefined) names.add(name);
    }
    const list = [...names];
    this.agentNameCache.set(wf.key, { events: wf.events, names: list });
    return list;
  }

  /** The trace node logged at `path:line` (newest source of that path first). */
  nodeAtLine(path: string, line: number): NodeLocation | null {
    const sourceIds = this.sourceIdsOf(path);
    if (sourceIds.length === 0) return null;
    for (const sourceId of sourceIds) {
      const events = this.lines.eventsInLines(sourceId, line, line);
      // The last event logged on the line, as the store's newest-first scan used to find.
      const last = events[events.length - 1];
      if (last !== undefined) return this.locate(last);
    }
    return null;
  }

  /**
   * The trace nodes logged on lines `from..to` of `path` (newest source of that path), one per
   * line, at most MAX_TRACED_LINES lines: what the CodeLens of the visible part of a log shows.
   */
  tracedLines(path: string, from: number, to: number): TracedLineDto[] {
    const sourceId = this.sourceIdsOf(path)[0];
    if (sourceId === undefined || !Number.isFinite(from) || !Number.isFinite(to)) return [];
    const first = Math.max(1, Math.floor(from));
    const last = Math.min(Math.floor(to), first + MAX_TRACED_LINES - 1);
    const out: TracedLineDto[] = [];
    for (const index of this.lines.eventsInLines(sourceId, first, last)) {
      const location = this.locate(index);
      if (!location) continue;
      const line = this.engine.events.lineNo(index);
      // Several events on one line: the last one wins, as for nodeAtLine.
      if (out.length > 0 && out[out.length - 1]?.line === line) out.pop();
      out.push({ line, ...location });
    }
    return out;
  }

  private sourceIdsOf(path: string): number[] {
    return this.engine.sources.filter((s) => s.path === path).map((s) => s.id).reverse();
  }

  private locate(index: number): NodeLocation | null {
    const store = this.engine.events;
    const key = store.strings.get(store.workflowKeyId(index));
    if (key === undefined) return null;
    const name = store.name(index);
    // Workflow start/end lines are the run's own row, not a span.
    const isMarker = store.kind(index) === 'workflow' && (name === 'workflow_started' || name === 'workflow_completed' || name === 'workflow_failed');
    return { workflowId: key, nodeId: isMarker ? '' : nodeId(store.sourceId(index), store.lineNo(index)) };
  }

  metricNames(): MetricNameDto[] {
    return this.engine.metrics.names().map((name) => {
      // Series whose points all aged out of retention are not counted.
      const series = this.engine.metrics.seriesOf(name).filter((s) => s.length > 0);
      return { name, series: series.length, points: series.reduce((n, s) => n + s.length, 0) };
    });
  }

  metricSeries(name: string, limit = 500): MetricRowDto[] {
    const rows: MetricRowDto[] = [];
    const series = [...this.engine.metrics.seriesOf(name)].sort((a, b) => b.length - a.length).slice(0, limit);
    for (const s of series) {
      const summary = summarizeSeries([s]);
      if (summary.count === 0) continue;
      const full = summary as MetricSummary;
      rows.push({ name, tags: { ...s.tags }, summary: full, errorRate: name.endsWith('_success') ? 1 - full.mean : null });
    }
    return rows;
  }
}
