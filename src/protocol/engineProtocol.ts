/**
 * Messages between the extension host and the engine worker (worker_threads).
 *
 * Direction host → worker: `EngineRequest` (a method call with an id).
 * Direction worker → host: `EngineReply` (the answer to one request id) and
 * `EngineEvent` (pushed: changes, alert transitions, progress, logs).
 * Each method's params and result types are tied together in `EngineApi`, so a caller
 * cannot pick the wrong reply type.
 */
import type { AlertChange } from '../core/alerts/alertDict';
import type { CostReport } from '../core/cost/ledger';
import type { DashboardQuery, DashboardResult } from '../core/dashboard/types';
import type { PriceTable } from '../core/cost/prices';
import type { MetricSummary, Tags } from '../core/metrics/store';
import type { MalformedLine, SourceFormat } from '../core/model/sources';
import type { WorkflowSummary } from '../core/model/workflows';
import type { TraceNode } from '../core/traces/build';
import type { SpanSummary } from '../core/traces/traceView';
import type { RunsFilter } from './runsFilter';

export interface RulesInput {
  /** A workspace rules file (`.runlens/alerts.json`), as text so the worker reports errors against it. */
  files: Array<{ path: string; text: string }>;
  /** Rules from the `runlens.alerts.rules` setting. */
  settings: unknown[];
  /** Include the shipped default rules. */
  defaults: boolean;
}

export interface EngineConfig {
  /** Absolute files, folders or globs to follow. */
  sources: string[];
  /** Glob patterns never followed (node_modules, .git, the history file...). */
  exclude: string[];
  rules: RulesInput;
  maxLineBytes: number;
  /** Metric retention measured back from the newest event; 0 keeps everything. */
  retentionHours: number;
  prices: PriceTable[];
  naiveTimeZone: 'utc' | 'local';
  /** Where tail offsets are checkpointed (extension storage). */
  checkpointFile: string | undefined;
  /** `.runlens/alerts-history.jsonl`, or undefined to keep history in memory only. */
  alertHistoryFile: string | undefined;
}

export interface RunDto extends WorkflowSummary {
  /** Epoch ms of the latest event, for "newest first" ordering. */
  lastEventMs: number;
  /** Agent names seen in the workflow (for filtering), capped. */
  agentNames: string[];
}

export interface MetricNameDto {
  name: string;
  series: number;
  points: number;
}

export interface MetricRowDto {
  name: string;
  tags: Tags;
  summary: MetricSummary;
  /** 1 − mean for `*_success` metrics, else null. */
  errorRate: number | null;
}

export interface SourceDto {
  path: string;
  lines: number;
  events: number;
  malformed: number;
  format: SourceFormat;
  error: string | null;
  state: 'reading history' | 'following' | 'waiting for file' | 'closed';
}

export interface AlertEntryDto {
  change: AlertChange;
  /** Raised from lines appended after the source was opened (these notify). */
  live: boolean;
}

export interface AlertsDto {
  /** Streams currently firing or pending, newest first. */
  active: AlertEntryDto[];
  /** Recent transitions (firing and resolved), newest first, capped. */
  recent: AlertEntryDto[];
  rulesLoaded: number;
}

export interface NodeLocation {
  workflowId: string;
  nodeId: string;
}

/** A log line that is a trace node (CodeLens). */
export interface TracedLineDto extends NodeLocation {
  /** 1-based line number in the file. */
  line: number;
}

export interface EngineApi {
  configure: { params: EngineConfig; result: null };
  /** The `limit` newest runs (matching `filter`, applied to every run), newest first. */
  runs: { params: { limit: number; filter?: RunsFilter }; result: RunDto[] };
  trace: { params: { workflowId: string }; result: TraceNode | null };
  /** One level of a trace (parentId null: the run's top spans); null when the workflow or node is unknown. */
  traceChildren: { params: { workflowId: string; parentId: string | null }; result: SpanSummary[] | null };
  /** The spans from the run's top level down to `nodeId` (for reveal). */
  traceAncestry: { params: { workflowId: string; nodeId: string }; result: SpanSummary[] | null };
  lineAttributes: { params: { path: string; byteOffset: number }; result: Record<string, unknown> | null };
  nodeAtLine: { params: { path: string; line: number }; result: NodeLocation | null };
  /** The trace nodes on lines fromLine..toLine (1-based, inclusive; at most 2,000 lines) of a followed file. */
  tracedLines: { params: { path: string; fromLine: number; toLine: number }; result: TracedLineDto[] };
  metricNames: { params: Record<string, never>; result: MetricNameDto[] };
  metricSeries: { params: { name: string }; result: MetricRowDto[] };
  cost: { params: Record<string, never>; result: CostReport };
  alerts: { params: Record<string, never>; result: AlertsDto };
  sources: { params: Record<string, never>; result: SourceDto[] };
  /** One dashboard page's data for a query (see src/core/dashboard); null before the engine is configured. */
  dashboard: { params: DashboardQuery; result: DashboardResult | null };
}

export type EngineMethod = keyof EngineApi;
export type ParamsOf<M extends EngineMethod> = EngineApi[M]['params'];
export type ResultOf<M extends EngineMethod> = EngineApi[M]['result'];

export type EngineRequest = {
  [M in EngineMethod]: { type: 'request'; id: number; method: M; params: ParamsOf<M> };
}[EngineMethod];

export type EngineReply =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type EngineEvent =
  | { kind: 'ready' }
  /** Something changed: workflow ids whose runs changed ('all' after a reset), and which views to refresh. */
  | { kind: 'changed'; runs: string[] | 'all'; metrics: boolean; sources: boolean; alerts: boolean }
  | { kind: 'alert'; entry: AlertEntryDto }
  | { kind: 'progress'; bytesDone: number; bytesTotal: number; done: boolean }
  | { kind: 'log'; level: LogLevel; message: string }
  | { kind: 'rulesInvalid'; file: string | null; errors: Array<{ path: string; message: string }> }
  | { kind: 'rulesLoaded'; count: number }
  | { kind: 'malformed'; path: string; total: number; samples: MalformedLine[] };

export type WorkerMessage = EngineReply | { type: 'event'; event: EngineEvent };
