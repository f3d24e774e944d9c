/**
 * The Metrics view: one row per metric name, expanding to one row per tag set with
 * count, mean, p95, max and (for *_success metrics) error rate. Series rows are fetched
 * when a name is expanded, so a store with thousands of series stays cheap.
 */
import * as vscode from 'vscode';
import type { MetricNameDto, MetricRowDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';
import { displayText, formatNumber } from '../format';
import { Commands } from '../ids';

export type MetricsElement =
  | { type: 'metric'; id: string; metric: MetricNameDto }
  | { type: 'series'; id: string; row: MetricRowDto; parentId: string };

function tagText(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags);
  return entries.length === 0 ? '(no tags)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

export class MetricsTreeProvider extends DisposableStore implements vscode.TreeDataProvider<MetricsElement> {
  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<MetricsElement | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private names = new Map<string, MetricsElement>();

  constructor(private readonly engine: EngineClient) {
    super();
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  async getChildren(element?: MetricsElement): Promise<MetricsElement[]> {
    if (!element) {
      const names = await this.engine.request('metricNames', {});
      this.names = new Map(names.map((metric) => [metric.name, { type: 'metric', id: `metric/${metric.name}`, metric } as MetricsElement]));
      return [...this.names.values()];
    }
    if (element.type !== 'metric') return [];
    const rows = await this.engine.request('metricSeries', { name: element.metric.name });
    return rows.map((row) => ({ type: 'series', id: `metric/${row.name}/${tagText(row.tags)}`, row, parentId: element.id }));
  }

  getParent(element: MetricsElement): MetricsElement | undefined {
    return element.type === 'series' ? this.names.get(element.row.name) : undefined;
  }

  getTreeItem(element: MetricsElement): vscode.TreeItem {
    if (element.type === 'metric') {
      const { metric } = element;
      const empty = metric.points === 0;
      const item = new vscode.TreeItem(metric.name, empty ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = element.id;
      // Every point of a metric can age out of the retention window while the name stays known.
      item.description = empty ? 'no points within the retention window' : `${metric.series} series · ${formatNumber(metric.points)} points`;
      if (empty) item.tooltip = 'All points of this metric are older than runlens.retentionHours; new points will show here.';
      item.iconPath = new vscode.ThemeIcon('graph-line');
      item.contextValue = 'metric';
      item.command = { command: Commands.openDashboard, title: 'Open Dashboard', arguments: [{ metric: element.metric.name }] };
      return item;
    }
    const { row } = element;
    const item = new vscode.TreeItem(displayText(tagText(row.tags)), vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    const s = row.summary;
    const parts = [`n=${formatNumber(s.count)}`, `mean ${formatNumber(s.mean)}`, `p95 ${formatNumber(s.p95)}`, `max ${formatNumber(s.max)}`];
    if (row.errorRate !== null) parts.push(`error rate ${(row.errorRate * 100).toFixed(1)}%`);
    item.description = parts.join(' · ');
    item.contextValue = 'series';
    item.command = { command: Commands.openDashboard, title: 'Open Dashboard', arguments: [{ metric: row.name, tags: row.tags }] };
    return item;
  }

  /** The full summary on hover only: the workbench parses every Markdown tooltip it is given on refresh. */
  resolveTreeItem(item: vscode.TreeItem, element: MetricsElement): vscode.TreeItem {
    if (element.type !== 'series') return item;
    const { row } = element;
    const s = row.summary;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${row.name} {${tagText(row.tags)}}\n`);
    tooltip.appendText(`count ${s.count}, sum ${formatNumber(s.sum)}, mean ${formatNumber(s.mean)}, median ${formatNumber(s.median)}\n`);
    tooltip.appendText(`min ${formatNumber(s.min)}, max ${formatNumber(s.max)}, stddev ${formatNumber(s.stddev)}\n`);
    tooltip.appendText(`p50 ${formatNumber(s.p50)}, p90 ${formatNumber(s.p90)}, p95 ${formatNumber(s.p95)}, p99 ${formatNumber(s.p99)}\n`);
    tooltip.appendText(`${s.oldest_timestamp} .. ${s.latest_timestamp}`);
    item.tooltip = tooltip;
    return item;
  }
}
