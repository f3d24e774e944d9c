/** Errors: failure rate per agent and per tool over time, and the newest failures. */
import { bucketStats, toSeries } from '../bucketStats';
import { topGroups } from '../groups';
import { groupByTag, pointCount, slicesOf, type PointSlice } from '../points';
import { recentSpans } from '../recentSpans';
import type { ChartSeries, ErrorsData } from '../types';
import type { PageContext } from './context';

export const FAILURE_ROWS = 100;

/** Failures among `*_success` points: count − sum. */
function failures(slices: readonly PointSlice[]): number {
  let ok = 0;
  for (const { values } of slices) for (let i = 0; i < values.length; i++) ok += values[i] as number;
  return pointCount(slices) - ok;
}

/** "all" first, then the names with the most failures in range. */
function failureRates(ctx: PageContext, metric: string, tagKey: string): ChartSeries[] {
  const slices = slicesOf(ctx.engine.metrics, metric, ctx.axis, ctx.query.tags);
  if (slices.length === 0) return [];
  const out = [toSeries(bucketStats(ctx.axis, slices), 'failureRate', 'all', 'all')];
  for (const group of topGroups(groupByTag(slices, tagKey), failures)) {
    out.push(toSeries(bucketStats(ctx.axis, group.slices), 'failureRate', `${group.other ? 'other' : 'name'}:${group.name}`, group.name));
  }
  return out;
}

export function errorsPage(ctx: PageContext): ErrorsData {
  return {
    page: 'errors',
    axis: ctx.axis,
    agents: failureRates(ctx, 'agent_execution_success', 'agent_name'),
    tools: failureRates(ctx, 'tool_execution_success', 'tool_name'),
    failures: recentSpans(ctx.engine, {
      from: ctx.axis.from, to: ctx.axis.to, filter: ctx.query.tags, limit: FAILURE_ROWS, failuresOnly: true,
      ...(ctx.readError ? { readError: ctx.readError } : {}),
    }),
  };
}
