/** The worker's answer to a dashboard query: the page's data, built next to the engine. */
import { buildDashboard } from '../../core/dashboard/dashboard';
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

export function answerDashboard(engine: Engine | undefined, alerts: AlertsDto, raw: DashboardQuery): DashboardResult | null {
  if (!engine) return null;
  const started = performance.now();
  // The host checked the query already; the worker does not trust it to have.
  const query = checkQuery(raw) ?? DEFAULT_QUERY;
  const result = buildDashboard({ engine, alerts: { recent: alerts.recent, active: alerts.active }, readError: errorReader(engine) }, query);
  result.computeMs = performance.now() - started;
  return result;
}
