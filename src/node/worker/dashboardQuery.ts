/** The worker's answer to a dashboard query: the page's data, built next to the engine. */
import { buildDashboard } from '../../core/dashboard/dashboard';
import { oldestPoint } from '../../core/dashboard/points';
import { DEFAULT_QUERY, type DashboardQuery, type DashboardResult } from '../../core/dashboard/types';
import type { Engine } from '../../core/model/engine';
import { checkQuery } from '../../protocol/dashboardProtocol';
import type { AlertsDto } from '../../protocol/engineProtocol';
import { attributesOf, readLineAt } from '../lineReader';

/** Error messages are read back from their lines; a huge line is not worth more than this. */
const MAX_ERROR_LINE_BYTES = 256 * 1024;

function errorReader(engine: Engine): (sourceId: number, line: number, byteOffset: number) => string | null {
  return (sourceId, _line, byteOffset) => {
    const path = engine.sources[sourceId]?.path;
    if (path === undefined || path.endsWith('.gz')) return null;
    const attrs = attributesOf(readLineAt(path, byteOffset, MAX_ERROR_LINE_BYTES));
    const message = attrs.error_message ?? attrs.error ?? attrs.exception;
    return typeof message === 'string' ? message : null;
  };
}

/**
 * The oldest metric point, kept up to date as points arrive (one scan when the first
 * dashboard opens, then a comparison per point) instead of a scan of every series per
 * refresh. Retention drops old points but not the workflows they came from, so "all"
 * still starts at the oldest thing seen.
 */
const oldestByEngine = new WeakMap<Engine, { ts: number }>();

function trackedOldest(engine: Engine): number {
  let tracked = oldestByEngine.get(engine);
  if (!tracked) {
    const state = { ts: oldestPoint(engine.metrics) };
    engine.observe({
      onPoint: (_name, _tags, ts) => {
        if (ts < state.ts) state.ts = ts;
      },
    });
    oldestByEngine.set(engine, (tracked = state));
  }
  return tracked.ts;
}

export function answerDashboard(engine: Engine | undefined, alerts: AlertsDto, raw: DashboardQuery): DashboardResult | null {
  if (!engine) return null;
  const started = performance.now();
  // The host checked the query already; the worker does not trust it to have.
  const query = checkQuery(raw) ?? DEFAULT_QUERY;
  const oldestPointTs = trackedOldest(engine);
  const result = buildDashboard({ engine, alerts: { recent: alerts.recent, active: alerts.active }, readError: errorReader(engine), oldestPointTs }, query);
  result.computeMs = performance.now() - started;
  return result;
}
