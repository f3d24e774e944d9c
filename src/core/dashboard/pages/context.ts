/** What every page builder gets: the engine, the alert log, the query and its time axis. */
import type { Engine } from '../../model/engine';
import type { AlertEntry } from '../alertTimeline';
import type { ErrorReader } from '../recentSpans';
import type { DashboardQuery, TimeAxis } from '../types';

export interface AlertLogView {
  /** Recent transitions, newest first. */
  recent: readonly AlertEntry[];
  /** Streams firing or pending now. */
  active: readonly AlertEntry[];
}

export interface PageContext {
  engine: Engine;
  alerts: AlertLogView;
  query: DashboardQuery;
  axis: TimeAxis;
  readError?: ErrorReader;
}
