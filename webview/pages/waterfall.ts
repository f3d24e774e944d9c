/**
 * Run waterfall: one workflow as nested bars on a shared time line. Bars are DOM
 * elements (positioned through CSSOM, which the CSP allows), so each is focusable,
 * hover shows its details, and a click (or Enter) opens its log line.
 */
import type { DashboardResult, WaterfallData, WaterfallRow } from '../../src/core/dashboard/types';
import { displayName, visibleText } from '../../src/core/dashboard/text';
import { el, logText, renderIfChanged, section } from '../dom';
import { formatDuration, formatTime } from '../format';
import { Select } from '../select';
import { logLocation } from '../table';
import type { ChartHost } from '../charts/chartHost';
import type { Page, PageEnv } from './page';

const KIND_TAG: Record<string, string> = { workflow: 'WF', agent: 'AG', tool: 'TL', routing: 'RT', event: 'EV' };

export class WaterfallPage implements Page {
  readonly key = 'waterfall' as const;
  readonly element: HTMLElement;
  private readonly workflow: Select;
  private readonly header = el('div', { class: 'waterfall-header', 'data-testid': 'waterfall-header' });
  private readonly details = el('div', { class: 'waterfall-details', 'data-testid': 'waterfall-details' }, 'Hover a bar for details; click it to open its log line.');
  private readonly rows = el('div', { class: 'waterfall', 'data-testid': 'waterfall', role: 'list' });

  /** Bars are DOM elements: no canvas to prepare. */
  readonly charts: ChartHost[] = [];

  constructor(private readonly env: PageEnv) {
    this.workflow = new Select('waterfall-workflow', 'Workflow', (value) => this.env.setQuery({ workflowId: value }), true);
    this.element = el('div', { class: 'page', 'data-testid': 'page-waterfall' },
      el('div', { class: 'controls' }, el('label', {}, 'Workflow'), this.workflow.element),
      this.header,
      section('Timeline', 'waterfall-timeline', this.details, this.rows));
  }

  render(result: DashboardResult, _live: boolean): void {
    if (result.data.page !== 'waterfall') return;
    const data = result.data;
    const options = result.options.workflows.map((w) => ({ value: w.id, label: w.id, description: w.status }));
    if (data.workflowId !== null && !options.some((o) => o.value === data.workflowId)) options.unshift({ value: data.workflowId, label: data.workflowId, description: data.status ?? '' });
    this.workflow.set(options, data.workflowId ?? '');
    this.renderHeader(data);
    renderIfChanged(this.rows, JSON.stringify([data.rows, data.totalMs]), () => this.buildRows(data));
  }

  private renderHeader(data: WaterfallData): void {
    if (data.workflowId === null) {
      this.header.replaceChildren(el('p', { class: 'empty' }, 'No workflow to show yet.'));
      return;
    }
    const status = el('span', { class: `status status-${data.status === 'failed' ? 'error' : data.status === 'completed' ? 'ok' : 'pending'}` }, data.status ?? '');
    const parts: Array<Node | string> = [logText(data.workflowId, 80), ' ', status];
    if (data.start) parts.push(` · started ${formatTime(Date.parse(data.start), true)}`);
    parts.push(` · ${formatDuration(data.totalMs)} · ${data.rows.length} spans`);
    if (data.truncated > 0) parts.push(el('span', { class: 'warning-inline' }, ` · ${data.truncated} more not shown`));
    this.header.replaceChildren(...parts);
  }

  private buildRows(data: WaterfallData): Node[] {
    const total = Math.max(1, data.totalMs);
    const ruler = el('div', { class: 'waterfall-row waterfall-ruler' }, el('div', { class: 'waterfall-label' }, ''));
    const track = el('div', { class: 'waterfall-track' });
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const tick = el('span', { class: `waterfall-tick${f === 0 ? ' tick-first' : f === 1 ? ' tick-last' : ''}` }, f === 0 ? '0' : formatDuration(total * f));
      tick.style.left = `${f * 100}%`;
      track.append(tick);
    }
    ruler.append(track);
    return [ruler, ...data.rows.map((row) => this.buildRow(row, total))];
  }

  private buildRow(row: WaterfallRow, total: number): HTMLElement {
    const label = el('div', { class: 'waterfall-label' }, el('span', { class: `kind kind-${row.kind}` }, KIND_TAG[row.kind] ?? '··'), logText(row.label, 80));
    label.style.paddingLeft = `${4 + Math.min(row.depth, 30) * 14}px`;
    const bar = el('div', { class: `waterfall-bar bar-${row.status} bar-${row.kind}`, 'data-testid': 'waterfall-bar' });
    bar.style.left = `${(row.startMs / total) * 100}%`;
    bar.style.width = `${Math.max(0.25, (row.durationMs / total) * 100)}%`;
    const item = el('div', {
      class: 'waterfall-row', role: 'listitem', tabindex: '0', 'data-testid': 'waterfall-row',
      'data-kind': row.kind, 'data-status': row.status, 'data-depth': String(row.depth),
    }, label, el('div', { class: 'waterfall-track' }, bar));
    item.title = `${visibleText(row.label).slice(0, 300)} · ${formatDuration(row.durationMs)}`;
    const show = (): void => this.showDetails(row);
    item.addEventListener('mouseenter', show);
    item.addEventListener('focus', show);
    if (row.path !== null && row.line !== null) {
      const { path, line } = row;
      item.classList.add('link-row');
      item.addEventListener('click', () => this.env.openLog(path, line));
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') this.env.openLog(path, line);
      });
    }
    return item;
  }

  private showDetails(row: WaterfallRow): void {
    this.details.replaceChildren(
      el('strong', {}, displayName(row.label, 200)),
      ` · ${row.kind} · ${row.status === 'error' ? 'failed' : 'ok'} · starts +${formatDuration(row.startMs) || '0 ms'} · lasts ${formatDuration(row.durationMs) || '0 ms'} · `,
      logLocation(row.path, row.line),
    );
  }
}
