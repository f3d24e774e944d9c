/**
 * The dashboard's one entry point: a query in, the page's data out. Runs in the engine
 * worker, next to the data, so only a few hundred buckets per chart cross to the webview.
 */
import { buildTrace } from '../traces/build';
import type { Engine } from '../model/engine';
import { MAX_BUCKETS, RATE_BUCKETS, rangeAxis } from './axis';
import { dashboardOptions } from './options';
import { alertsPage } from './pages/alerts';
import type { AlertLogView, PageContext } from './pages/context';
import { costPage } from './pages/cost';
import { errorsPage } from './pages/errors';
import { latencyPage } from './pages/latency';
import { overviewPage } from './pages/overview';
import { oldestPoint } from './points';
import type { ErrorReader } from './recentSpans';
import type { DashboardQuery, DashboardResult, PageData } from './types';
import { waterfallData } from './waterfall';

export interface DashboardInput {
  engine: Engine;
  alerts: AlertLogView;
  readError?: ErrorReader;
  /**
   * The oldest metric point, when the caller tracks it as points arrive (the worker does):
   * otherwise every series is scanned, which on a 1M-line log is most of a refresh.
   */
  oldestPointTs?: number;
}

function newestWorkflow(engine: Engine): string | null {
  let best: { key: string; lastTs: number } | null = null;
  for (const wf of engine.workflows()) if (!best || wf.lastTs > best.lastTs) best = wf;
  return best ? best.key : null;
}

/** Time bounds of the data: metric points and workflows; alerts too on the alerts page. */
function dataBounds(input: DashboardInput, withAlerts: boolean): { oldest: number; newest: number } {
  const { engine } = input;
  let oldest = input.oldestPointTs ?? oldestPoint(engine.metrics);
  let newest = engine.newestTs;
  for (const wf of engine.workflows()) if (wf.firstTs < oldest) oldest = wf.firstTs;
  if (withAlerts) {
    for (const e of input.alerts.recent) {
      oldest = Math.min(oldest, e.change.at);
      newest = Math.max(newest, e.change.at);
    }
  }
  return { oldest, newest };
}

function pageData(ctx: PageContext): PageData {
  switch (ctx.query.page) {
    case 'overview':
      return overviewPage(ctx);
    case 'latency':
      return latencyPage(ctx);
    case 'errors':
      return errorsPage(ctx);
    case 'cost':
      return costPage(ctx);
    case 'alerts':
      return alertsPage(ctx);
    case 'waterfall': {
      const key = ctx.query.workflowId ?? newestWorkflow(ctx.engine);
      const wf = key === null ? undefined : ctx.engine.workflowByKey(key);
      return waterfallData(wf ? buildTrace(ctx.engine, wf).root : null, wf ? wf.status : null);
    }
  }
}

export function buildDashboard(input: DashboardInput, query: DashboardQuery): DashboardResult {
  const { oldest, newest } = dataBounds(input, query.page === 'alerts' && query.range === 'all');
  const rates = query.page === 'overview' || query.page === 'errors';
  const axis = rangeAxis(query.range, newest, oldest, rates ? RATE_BUCKETS : MAX_BUCKETS);
  const ctx: PageContext = { engine: input.engine, alerts: input.alerts, query, axis, ...(input.readError ? { readError: input.readError } : {}) };
  return {
    query,
    newestTs: Number.isFinite(input.engine.newestTs) ? input.engine.newestTs : null,
    options: dashboardOptions(input.engine),
    data: pageData(ctx),
    computeMs: 0,
  };
}
