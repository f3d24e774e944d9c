/**
 * The argument `runlens.openDashboard` may receive (a Metrics view row passes
 * `{metric, tags}`; tests and links may pass `{page}` or `{workflowId}`), turned into the
 * dashboard query that shows it. Anything unexpected is ignored, never trusted.
 */
import { MAX_TAG_FILTERS, MAX_TEXT, PAGE_KEYS, type DashboardQuery, type PageKey, type TagFilter } from '../../core/dashboard/types';

function tagsOf(raw: unknown): TagFilter {
  const out: TagFilter = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const key of Object.keys(raw).slice(0, MAX_TAG_FILTERS)) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === 'string' && key.length <= 200 && value.length <= MAX_TEXT) out[key] = value;
  }
  return out;
}

/** The page a metric is best read on. */
export function pageForMetric(metric: string): PageKey {
  if (metric.startsWith('workflow_') && !/duration/.test(metric)) return 'overview';
  if (metric.endsWith('_success')) return 'errors';
  if (/cost|token/.test(metric)) return 'cost';
  return 'latency';
}

export function queryFromArgument(arg: unknown, base: DashboardQuery): DashboardQuery | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const a = arg as Record<string, unknown>;
  if (typeof a.metric === 'string' && a.metric.length > 0 && a.metric.length <= 500) {
    const tags = tagsOf(a.tags);
    const page = pageForMetric(a.metric);
    // A metric row opens on that series; a name row on all its series.
    if (page === 'latency') return { ...base, page, latency: { metric: a.metric, tags } };
    return { ...base, page, tags };
  }
  if (typeof a.workflowId === 'string' && a.workflowId.length <= MAX_TEXT) return { ...base, page: 'waterfall', workflowId: a.workflowId };
  if (typeof a.page === 'string' && (PAGE_KEYS as readonly string[]).includes(a.page)) return { ...base, page: a.page as PageKey };
  return undefined;
}
