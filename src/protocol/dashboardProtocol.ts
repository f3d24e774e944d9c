/**
 * Messages between the extension host and the dashboard webview.
 *
 * Direction host → webview: `HostMessage`. Direction webview → host: `WebviewMessage`.
 * Both sides parse what they receive with the checks below before using it: the webview
 * because page data carries strings from log files, the host because a webview message
 * is untrusted input (a forged `openLog` must not open an arbitrary file).
 *
 * The session: the webview loads and sends `ready` (with the query it saved in
 * `setState`, if any); the host answers with one full `snapshot`. While the panel is
 * visible the host sends `update`s (same page, fresh data, throttled). A hidden panel
 * gets nothing; it is rebuilt when shown and starts again with `ready`.
 */
import {
  MAX_PATH, MAX_SERIES_POINTS, MAX_TAG_FILTERS, MAX_TEXT, PAGE_KEYS, RANGE_KEYS,
  type AlertInterval, type AlertRow, type AlertsData, type ChartSeries, type CostData, type DashboardOptions,
  type DashboardQuery, type DashboardResult, type ErrorsData, type Histogram, type LatencyData, type LatencySummary,
  type ModelCostRow, type OverviewData, type PageData, type SeriesSelection, type SpanRow, type TimeAxis,
  type WaterfallData, type WaterfallRow, type WorkflowOption,
} from '../core/dashboard/types';
import { arrayOf, bool, int, nullable, num, object, oneOf, str, stringRecord, union, type Check } from './shape';

/** host → webview */
export type HostMessage =
  /** The whole state of the page for `query` (answers `ready` and `query`); the webview adopts `result.query`. */
  | { type: 'snapshot'; seq: number; result: DashboardResult }
  /** Fresh data for the page on screen (live, throttled, only while visible). */
  | { type: 'update'; seq: number; result: DashboardResult }
  /** The engine could not answer (shown as a banner; the last data stays). */
  | { type: 'error'; message: string };

/** webview → host */
export type WebviewMessage =
  /** Loaded and listening; `query` is what the webview restored from `getState`, if anything. */
  | { type: 'ready'; query: DashboardQuery | null }
  /** The user changed page, range, filters or a selection; `seq` orders answers. */
  | { type: 'query'; seq: number; query: DashboardQuery }
  /** Open a log line in the editor (the host checks the path is a followed log file). */
  | { type: 'openLog'; path: string; line: number };

const MAX_SERIES = 16;
const MAX_ROWS = 500;
const MAX_OPTIONS = 500;
const MAX_WATERFALL = 2_000;

const text = str(MAX_TEXT);
const path = str(MAX_PATH);
const seq = int(0, Number.MAX_SAFE_INTEGER);
const line = int(1, 2 ** 32);
const tags = stringRecord(MAX_TAG_FILTERS, 200, MAX_TEXT);
const status = oneOf(['ok', 'error'] as const);

const selection = object<SeriesSelection>({ metric: str(500), tags });

export const checkQuery: Check<DashboardQuery> = object<DashboardQuery>({
  page: oneOf(PAGE_KEYS),
  range: oneOf(RANGE_KEYS),
  tags,
  latency: nullable(selection),
  workflowId: nullable(text),
});

const axis = object<TimeAxis>({ from: num, to: num, bucketMs: num, count: int(0, 100_000) });

const points = arrayOf(num, MAX_SERIES_POINTS);
const checkSeries: Check<ChartSeries> = (raw) => {
  const s = object<ChartSeries>({ key: text, label: text, xs: points, ys: points })(raw);
  return s && s.xs.length === s.ys.length ? s : undefined;
};
const seriesList = arrayOf(checkSeries, MAX_SERIES);

const spanRow = object<SpanRow>({
  ts: num, kind: oneOf(['agent', 'tool'] as const), workflowId: text, agent: nullable(text), tool: nullable(text),
  status, durationMs: nullable(num), path, line, error: nullable(text),
});
const spanRows = arrayOf(spanRow, MAX_ROWS);

const alertRow = object<AlertRow>({
  at: num, state: oneOf(['firing', 'resolved'] as const), rule: text, severity: str(20), message: text, live: bool,
  path: nullable(path), line: nullable(line),
});
const alertRows = arrayOf(alertRow, MAX_ROWS);

const overview = object<OverviewData>({
  page: oneOf(['overview'] as const), axis, workflows: seriesList, successRate: seriesList, totalCostUsd: num, rangeCostUsd: num,
  unknownModels: arrayOf(text, MAX_OPTIONS), firing: alertRows, recentSpans: spanRows, recentFailures: spanRows,
});

const histogram = object<Histogram>({
  edges: arrayOf(num, 1_000), width: num, counts: arrayOf(num, 1_000), overflow: num, overflowFrom: nullable(num),
});
const latencySummary = object<LatencySummary>({ count: num, mean: num, p50: num, p95: num, p99: num, max: num });
const latency = object<LatencyData>({
  page: oneOf(['latency'] as const), axis, selection, raw: checkSeries, rawTotal: num, p50: checkSeries, p95: checkSeries,
  histogram, summary: nullable(latencySummary),
});

const errors = object<ErrorsData>({ page: oneOf(['errors'] as const), axis, agents: seriesList, tools: seriesList, failures: spanRows });

const modelRow = object<ModelCostRow>({ model: text, calls: num, inputTokens: num, outputTokens: num, costUsd: nullable(num) });
const cost = object<CostData>({
  page: oneOf(['cost'] as const), axis, byTool: seriesList, byModel: seriesList, tokens: seriesList, totalUsd: num, toolsUsd: num,
  llmUsd: num, models: arrayOf(modelRow, MAX_OPTIONS), unknownModels: arrayOf(text, MAX_OPTIONS),
});

const waterfallRow = object<WaterfallRow>({
  id: str(256), depth: int(0, 100_000), kind: str(20), label: text, startMs: num, durationMs: num, status, start: str(64),
  path: nullable(path), line: nullable(line),
});
const waterfall = object<WaterfallData>({
  page: oneOf(['waterfall'] as const), workflowId: nullable(text), status: nullable(str(20)), start: nullable(str(64)), totalMs: num,
  rows: arrayOf(waterfallRow, MAX_WATERFALL), truncated: int(0, Number.MAX_SAFE_INTEGER),
});

const alertInterval = object<AlertInterval>({ stream: str(512), rule: text, severity: str(20), start: num, end: nullable(num) });
const alerts = object<AlertsData>({
  page: oneOf(['alerts'] as const), axis, intervals: arrayOf(alertInterval, MAX_ROWS), transitions: alertRows, firing: int(0, 1_000_000),
});

const pageData = union<PageData, 'page'>('page', { overview, latency, errors, cost, waterfall, alerts });

const options = object<DashboardOptions>({
  agents: arrayOf(text, MAX_OPTIONS),
  tools: arrayOf(text, MAX_OPTIONS),
  models: arrayOf(text, MAX_OPTIONS),
  workflows: arrayOf(object<WorkflowOption>({ id: text, status: str(20), lastTs: num }), MAX_OPTIONS),
  latencySeries: arrayOf(selection, MAX_OPTIONS),
});

export const checkResult: Check<DashboardResult> = (raw) => {
  const result = object<DashboardResult>({ query: checkQuery, newestTs: nullable(num), options, data: pageData, computeMs: num })(raw);
  // The data must be for the page the query names.
  return result && result.data.page === result.query.page ? result : undefined;
};

const hostMessage = union<HostMessage, 'type'>('type', {
  snapshot: object({ type: oneOf(['snapshot'] as const), seq, result: checkResult }),
  update: object({ type: oneOf(['update'] as const), seq, result: checkResult }),
  error: object({ type: oneOf(['error'] as const), message: text }),
});

const webviewMessage = union<WebviewMessage, 'type'>('type', {
  ready: object({ type: oneOf(['ready'] as const), query: nullable(checkQuery) }),
  query: object({ type: oneOf(['query'] as const), seq, query: checkQuery }),
  openLog: object({ type: oneOf(['openLog'] as const), path, line }),
});

/** In the webview: a message from the host, or undefined when it is not one. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  return hostMessage(raw);
}

/** In the host: a message from the webview, or undefined when it is not one. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  return webviewMessage(raw);
}
