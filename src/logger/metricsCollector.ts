/**
 * The seed's `MetricPoint` and `MetricsCollector` as they were meant to work: synchronous
 * (the seed's `async with` in a plain `def` and its loop-less `create_task` are gone; Node
 * runs one call at a time, so no lock is needed), retention pruned as points arrive rather
 * than by a background task, and each point optionally written to a sink as a
 * `MetricPoint.to_dict` line: `{"name", "value", "timestamp", "tags"}`.
 * Timestamps are UTC (`+00:00`), not the seed's local naive `datetime.now()`.
 */
import { summarize, type SummaryStats } from '../core/metrics/stats';
import { systemClock, utcIsoformat, type Clock } from './clock';
import { numericValue, pyFloat, type PyFloat } from './pyFloat';
import { pythonJsonDumps } from './pythonJson';
import { type LineSink } from './sinks';

export type MetricTags = Readonly<Record<string, string>>;
/** A plain number renders as a Python int when it is whole; wrap in `pyFloat` for `1.0`. */
export type MetricValue = number | PyFloat;

export class MetricPoint {
  constructor(
    readonly name: string,
    readonly value: MetricValue,
    readonly timestampMicros: number,
    readonly tags: MetricTags,
  ) {}

  toDict(): { name: string; value: MetricValue; timestamp: string; tags: MetricTags } {
    return { name: this.name, value: this.value, timestamp: utcIsoformat(this.timestampMicros), tags: this.tags };
  }
}

export interface MetricsCollectorOptions {
  /** Receives one `MetricPoint.to_dict` JSON line per recorded point. */
  sink?: LineSink;
  clock?: Clock;
  /** The seed keeps 24 hours. */
  retentionMs?: number;
}

export interface MetricsQuery {
  name?: string;
  timeRangeMs?: number;
  /** Subset match: every given tag must be equal. */
  tags?: MetricTags;
}

export type MetricsSummary =
  | (SummaryStats & { latest_timestamp: string; oldest_timestamp: string })
  | { count: 0; message: 'No metrics found' };

const PRUNE_INTERVAL_MICROS = 60_000_000;

export class MetricsCollector {
  private points: MetricPoint[] = [];
  private lastPruneMicros = -Infinity;
  private readonly clock: Clock;
  private readonly retentionMicros: number;

  constructor(private readonly options: MetricsCollectorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.retentionMicros = (options.retentionMs ?? 24 * 3600 * 1000) * 1000;
  }

  recordMetric(name: string, value: MetricValue, tags: MetricTags = {}): MetricPoint {
    const point = new MetricPoint(name, value, this.clock(), tags);
    this.points.push(point);
    this.options.sink?.writeLine(pythonJsonDumps(point.toDict()));
    this.pruneIfDue(point.timestampMicros);
    return point;
  }

  recordAgentExecution(args: { agentName: string; durationMs: number; success: boolean }): void {
    const tags = { agent_name: args.agentName };
    this.recordMetric('agent_execution_duration_ms', pyFloat(args.durationMs), tags);
    this.recordMetric('agent_execution_success', pyFloat(args.success ? 1 : 0), tags);
  }

  recordToolUsage(args: { toolName: string; durationMs: number; success: boolean; costEstimate?: number }): void {
    const tags = { tool_name: args.toolName };
    this.recordMetric('tool_execution_duration_ms', pyFloat(args.durationMs), tags);
    this.recordMetric('tool_execution_success', pyFloat(args.success ? 1 : 0), tags);
    this.recordMetric('tool_execution_cost', pyFloat(args.costEstimate ?? 0), tags);
  }

  recordWorkflowMetrics(args: {
    workflowId: string;
    totalAgents: number;
    totalTools: number;
    totalDurationMs: number;
    success: boolean;
  }): void {
    const tags = { workflow_id: args.workflowId };
    this.recordMetric('workflow_total_agents', args.totalAgents, tags);
    this.recordMetric('workflow_total_tools', args.totalTools, tags);
    this.recordMetric('workflow_total_duration_ms', pyFloat(args.totalDurationMs), tags);
    this.recordMetric('workflow_success', pyFloat(args.success ? 1 : 0), tags);
  }

  /** Points still within retention, oldest first. */
  getPoints(): readonly MetricPoint[] {
    return this.points;
  }

  /** `get_metrics_summary` (plus p50..p99, as Runlens reports them). */
  getMetricsSummary(query: MetricsQuery = {}): MetricsSummary {
    const cutoff = query.timeRangeMs === undefined ? -Infinity : this.clock() - query.timeRangeMs * 1000;
    const tagEntries = Object.entries(query.tags ?? {});
    const matching = this.points.filter(
      (p) =>
        (query.name === undefined || p.name === query.name) &&
        p.timestampMicros >= cutoff &&
        tagEntries.every(([k, v]) => p.tags[k] === v),
    );
    if (matching.length === 0) return { count: 0, message: 'No metrics found' };
    const stats = summarize(Float64Array.from(matching, (p) => numericValue(p.value) ?? NaN));
    let latest = -Infinity;
    let oldest = Infinity;
    for (const p of matching) {
      latest = Math.max(latest, p.timestampMicros);
      oldest = Math.min(oldest, p.timestampMicros);
    }
    return { ...stats, latest_timestamp: utcIsoformat(latest), oldest_timestamp: utcIsoformat(oldest) };
  }

  private pruneIfDue(nowMicros: number): void {
    if (nowMicros - this.lastPruneMicros < PRUNE_INTERVAL_MICROS) return;
    this.lastPruneMicros = nowMicros;
    const cutoff = nowMicros - this.retentionMicros;
    this.points = this.points.filter((p) => p.timestampMicros >= cutoff);
  }
}
