/**
 * What the dashboard shows, page by page: plain JSON shapes the engine worker builds and
 * the webview draws. Everything here crosses two message boundaries (worker → host →
 * webview), so it is numbers, strings and arrays only, with strings bounded in length.
 */

export const PAGE_KEYS = ['overview', 'latency', 'errors', 'cost', 'waterfall', 'alerts'] as const;
export type PageKey = (typeof PAGE_KEYS)[number];

export const RANGE_KEYS = ['5m', '1h', '24h', 'all'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

/** Longest log string carried to the webview; longer ones are cut with an ellipsis. */
export const MAX_TEXT = 2_000;
/** Longest file path carried (and accepted back in an openLog request). */
export const MAX_PATH = 4_096;
/** Most tag filters a query may carry. */
export const MAX_TAG_FILTERS = 16;
/** Most points one chart series may carry. */
export const MAX_SERIES_POINTS = 20_000;

export type TagFilter = Record<string, string>;

/** A metric and the tags its series must carry (subset match). */
export interface SeriesSelection {
  metric: string;
  tags: TagFilter;
}

/** The UI state that decides what the worker computes. */
export interface DashboardQuery {
  page: PageKey;
  range: RangeKey;
  /** Applied to every series that carries the tag's key; series without that key are kept. */
  tags: TagFilter;
  /** Latency page: which duration series; null picks agent durations, all agents. */
  latency: SeriesSelection | null;
  /** Waterfall page: which workflow; null picks the newest. */
  workflowId: string | null;
}

export const DEFAULT_QUERY: DashboardQuery = { page: 'overview', range: 'all', tags: {}, latency: null, workflowId: null };

/** Time buckets `[from + i·bucketMs, from + (i+1)·bucketMs)` for i < count; epoch ms. */
export interface TimeAxis {
  from: number;
  to: number;
  bucketMs: number;
  count: number;
}

/** One line (or bar set) of a chart: x in epoch ms, sorted ascending. */
export interface ChartSeries {
  key: string;
  label: string;
  xs: number[];
  ys: number[];
}

export interface SpanRow {
  ts: number;
  kind: 'agent' | 'tool';
  workflowId: string;
  agent: string | null;
  tool: string | null;
  status: 'ok' | 'error';
  durationMs: number | null;
  path: string;
  line: number;
  /** `error_message` of a failed span, when read. */
  error: string | null;
}

export interface AlertRow {
  at: number;
  state: 'firing' | 'resolved';
  rule: string;
  severity: string;
  message: string;
  /** Raised from lines appended after the source was opened (these notify). */
  live: boolean;
  path: string | null;
  line: number | null;
}

/** One firing period of an alert stream; `end` null while still firing. */
export interface AlertInterval {
  stream: string;
  rule: string;
  severity: string;
  start: number;
  end: number | null;
}

export interface Histogram {
  /** Lower edge of each bin; every bin is `width` wide. */
  edges: number[];
  width: number;
  counts: number[];
  /** Values at or above `overflowFrom` (beyond the 99th percentile), counted apart. */
  overflow: number;
  overflowFrom: number | null;
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface WaterfallRow {
  id: string;
  depth: number;
  kind: string;
  label: string;
  /** Offset from the workflow's start, ms. */
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error';
  start: string;
  path: string | null;
  line: number | null;
}

export interface WorkflowOption {
  id: string;
  status: string;
  lastTs: number;
}

export interface DashboardOptions {
  agents: string[];
  tools: string[];
  models: string[];
  /** Newest first. */
  workflows: WorkflowOption[];
  /** Duration metrics the latency page can show, with their tag sets. */
  latencySeries: SeriesSelection[];
}

export interface OverviewData {
  page: 'overview';
  axis: TimeAxis;
  /** Workflows started per bucket, one series per status. */
  workflows: ChartSeries[];
  /** Success rate per bucket, percent. */
  successRate: ChartSeries[];
  totalCostUsd: number;
  rangeCostUsd: number;
  unknownModels: string[];
  firing: AlertRow[];
  recentSpans: SpanRow[];
  recentFailures: SpanRow[];
}

export interface LatencyData {
  page: 'latency';
  axis: TimeAxis;
  selection: SeriesSelection;
  /** Every point (thinned for transfer, extremes kept), for chart.js decimation. */
  raw: ChartSeries;
  /** Points in range before thinning. */
  rawTotal: number;
  p50: ChartSeries;
  p95: ChartSeries;
  histogram: Histogram;
  summary: LatencySummary | null;
}

export interface ErrorsData {
  page: 'errors';
  axis: TimeAxis;
  /** Failure rate per bucket, percent, one series per agent (most failures first). */
  agents: ChartSeries[];
  tools: ChartSeries[];
  failures: SpanRow[];
}

export interface ModelCostRow {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

export interface CostData {
  page: 'cost';
  axis: TimeAxis;
  /** Cumulative USD from the range start. */
  byTool: ChartSeries[];
  byModel: ChartSeries[];
  /** Tokens (input + output) per bucket per model. */
  tokens: ChartSeries[];
  totalUsd: number;
  toolsUsd: number;
  llmUsd: number;
  models: ModelCostRow[];
  unknownModels: string[];
}

export interface WaterfallData {
  page: 'waterfall';
  workflowId: string | null;
  status: string | null;
  start: string | null;
  totalMs: number;
  rows: WaterfallRow[];
  /** Rows left out beyond the cap. */
  truncated: number;
}

export interface AlertsData {
  page: 'alerts';
  axis: TimeAxis;
  intervals: AlertInterval[];
  transitions: AlertRow[];
  firing: number;
}

export type PageData = OverviewData | LatencyData | ErrorsData | CostData | WaterfallData | AlertsData;

export interface DashboardResult {
  /** The query as the worker understood it (defaults filled in). */
  query: DashboardQuery;
  /** Newest event seen (the anchor of "last 5 m"), epoch ms; null before any. */
  newestTs: number | null;
  options: DashboardOptions;
  data: PageData;
  /** Time the worker spent, ms (the host paces live refreshes by it). */
  computeMs: number;
}
