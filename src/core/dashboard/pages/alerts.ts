/** Alerts: firing periods per stream on a timeline, and the transitions as a table. */
import { alertIntervals, alertRow } from '../alertTimeline';
import type { AlertsData } from '../types';
import type { PageContext } from './context';

export function alertsPage(ctx: PageContext): AlertsData {
  const { recent, active } = ctx.alerts;
  return {
    page: 'alerts',
    axis: ctx.axis,
    intervals: alertIntervals(recent, active, ctx.axis.from),
    transitions: recent.map(alertRow),
    firing: active.filter((e) => e.change.type === 'alert').length,
  };
}
