/** What a dashboard page is, and what it may ask of the app around it. */
import type { DashboardQuery, DashboardResult, PageKey, SpanRow } from '../../src/core/dashboard/types';
import type { ChartHost } from '../charts/chartHost';
import { el, logText } from '../dom';
import { formatDuration, formatTime } from '../format';
import { cellAction, logLocation, type Column } from '../table';
import type { Palette } from '../theme';

export interface PageEnv {
  palette(): Palette;
  /** Ask the host to open a log line (it checks the path). */
  openLog(path: string, line: number): void;
  /** Change the query (switching page, selecting a workflow or series). */
  setQuery(patch: Partial<DashboardQuery>): void;
}

export interface Page {
  readonly key: PageKey;
  readonly element: HTMLElement;
  /** Its canvases, created empty while the engine computes the page (see ChartHost.warm). */
  readonly charts: readonly ChartHost[];
  /** Draws `result`; `live` marks a throttled update of the page on screen (not a snapshot). */
  render(result: DashboardResult, live: boolean): void;
}

function statusBadge(status: 'ok' | 'error'): HTMLElement {
  return el('span', { class: `status status-${status}`, 'data-status': status }, status === 'ok' ? 'ok' : 'failed');
}

/** Columns of a span table: time, workflow (opens its waterfall), agent, tool, status, duration, log line. */
export function spanColumns(env: PageEnv, withError: boolean): Array<Column<SpanRow>> {
  const columns: Array<Column<SpanRow>> = [
    { title: 'Time', width: '90px', cell: (r) => formatTime(r.ts) },
    { title: 'Workflow', cell: (r) => cellAction(logText(r.workflowId, 40), 'waterfall', () => env.setQuery({ page: 'waterfall', workflowId: r.workflowId })) },
    { title: 'Agent', cell: (r) => (r.agent === null ? '' : logText(r.agent, 60)) },
    { title: 'Tool', cell: (r) => (r.tool === null ? '' : logText(r.tool, 60)) },
    { title: 'Status', width: '70px', cell: (r) => statusBadge(r.status) },
    { title: 'Duration', width: '90px', cell: (r) => formatDuration(r.durationMs) },
  ];
  if (withError) columns.push({ title: 'Error', cell: (r) => (r.error === null ? '' : logText(r.error, 160)) });
  columns.push({ title: 'Log line', cell: (r) => logLocation(r.path, r.line) });
  return columns;
}

/** A stable key of what a table shows, so an unchanged table is not rebuilt on a live update. */
export function rowsKey(rows: readonly unknown[]): string {
  return JSON.stringify(rows);
}
