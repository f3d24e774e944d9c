/** Alerts: when each rule (and group) fired and resolved, and every transition with its log line. */
import type { DashboardResult } from '../../src/core/dashboard/types';
import { alertTimelineChart } from '../charts/categorical';
import { ChartHost } from '../charts/chartHost';
import { afterCharts, card, el, renderIfChanged, section } from '../dom';
import { formatNumber } from '../format';
import { buildTable } from '../table';
import { alertColumns } from './overview';
import { rowsKey, type Page, type PageEnv } from './page';

export class AlertsPage implements Page {
  readonly key = 'alerts' as const;
  readonly element: HTMLElement;
  private readonly cards = el('div', { class: 'cards' });
  private readonly timeline = new ChartHost('alerts-timeline', 'bar', 'Firing periods per alert rule', 'chart chart-timeline');
  private readonly table = el('div');

  get charts(): ChartHost[] {
    return [this.timeline];
  }

  constructor(private readonly env: PageEnv) {
    this.element = el('div', { class: 'page', 'data-testid': 'page-alerts' },
      this.cards,
      section('Timeline', 'alerts-timeline', this.timeline.element),
      section('Transitions', 'alerts-transitions', this.table));
  }

  render(result: DashboardResult, live: boolean): void {
    if (result.data.page !== 'alerts') return;
    const data = result.data;
    const palette = this.env.palette();
    this.cards.replaceChildren(
      card('Firing now', formatNumber(data.firing), 'alerts-firing'),
      card('Transitions listed', formatNumber(data.transitions.length), 'alerts-transitions-count'),
    );
    // One row per stream: give the canvas room for them all.
    const streams = new Set(data.intervals.map((i) => i.stream)).size;
    this.timeline.element.style.height = `${Math.max(120, 40 + streams * 26)}px`;
    this.timeline.draw(() => alertTimelineChart(data.intervals, data.axis, palette), [{ label: 'firing', points: data.intervals.length }], !live);
    const open = (r: { path: string | null; line: number | null }): void => {
      if (r.path !== null && r.line !== null) this.env.openLog(r.path, r.line);
    };
    afterCharts(() => renderIfChanged(this.table, rowsKey(data.transitions), () => [
      buildTable(alertColumns(), data.transitions, { testId: 'alerts-table', empty: 'No alert transitions yet.', open, hasLink: (r) => r.path !== null }),
    ]));
  }
}
