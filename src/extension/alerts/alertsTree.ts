/** The Alerts view: firing and pending alerts first, then recent transitions. */
import * as vscode from 'vscode';
import type { AlertSeverity } from '../../core/alerts/rule';
import type { AlertEntryDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import { displayText } from '../format';
import { Commands } from '../ids';
import { alertEpisodeKey, type AlertsModel } from './alertsModel';

export type AlertsElement =
  | { type: 'group'; id: 'active' | 'recent'; label: string }
  | { type: 'alert'; id: string; entry: AlertEntryDto; group: 'active' | 'recent' };

const SEVERITY_ICONS: Record<AlertSeverity, [string, string]> = {
  info: ['info', 'notificationsInfoIcon.foreground'],
  warning: ['warning', 'notificationsWarningIcon.foreground'],
  error: ['error', 'notificationsErrorIcon.foreground'],
  critical: ['flame', 'notificationsErrorIcon.foreground'],
};

export class AlertsTreeProvider extends DisposableStore implements vscode.TreeDataProvider<AlertsElement> {
  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<AlertsElement | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly groups: Record<'active' | 'recent', AlertsElement> = {
    active: { type: 'group', id: 'active', label: 'Firing' },
    recent: { type: 'group', id: 'recent', label: 'Recent' },
  };

  constructor(private readonly model: AlertsModel) {
    super();
    this.register(model.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
  }

  getChildren(element?: AlertsElement): AlertsElement[] {
    if (!element) {
      if (this.model.active.length === 0 && this.model.recent.length === 0) return [];
      return [this.groups.active, this.groups.recent];
    }
    if (element.type !== 'group') return [];
    const entries = element.id === 'active' ? this.model.active : this.model.recent;
    return entries.map((entry, index) => ({
      type: 'alert',
      // Recent transitions can repeat a stream, so their ids include the position.
      id: `${element.id}/${alertEpisodeKey(entry)}/${entry.change.type}/${element.id === 'recent' ? index : ''}`,
      entry,
      group: element.id,
    }));
  }

  getParent(element: AlertsElement): AlertsElement | undefined {
    return element.type === 'alert' ? this.groups[element.group] : undefined;
  }

  getTreeItem(element: AlertsElement): vscode.TreeItem {
    if (element.type === 'group') {
      const count = element.id === 'active' ? this.model.active.length : this.model.recent.length;
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group/${element.id}`;
      item.description = String(count);
      return item;
    }
    const { change, live } = element.entry;
    const alert = change.alert;
    const item = new vscode.TreeItem(displayText(alert.rule_name), vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    const acknowledged = this.model.isAcknowledged(element.entry);
    const muted = this.model.isMuted(alert.rule_name);
    const state = change.type === 'alert' ? 'firing' : 'resolved';
    item.description = [state, displayText(alert.message, 120), live ? '' : 'historical', muted ? 'muted' : '', acknowledged ? 'acknowledged' : '']
      .filter(Boolean).join(' · ');
    const [icon, color] = SEVERITY_ICONS[alert.severity];
    item.iconPath = change.type === 'resolved' ? new vscode.ThemeIcon('pass') : acknowledged ? new vscode.ThemeIcon('check') : new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = `alert ${state}`;
    if (alert.metadata.source) {
      item.command = { command: Commands.openLog, title: 'Open Log Line', arguments: [{ path: alert.metadata.source.path, line: alert.metadata.source.line }] };
    }
    return item;
  }

  /** The details on hover only: the workbench parses every Markdown tooltip it is given on refresh. */
  resolveTreeItem(item: vscode.TreeItem, element: AlertsElement): vscode.TreeItem {
    if (element.type !== 'alert') return item;
    const alert = element.entry.change.alert;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${alert.severity.toUpperCase()} ${alert.rule_name} (${alert.condition})\n${alert.message}\n`);
    tooltip.appendText(`value ${alert.actual_value ?? 'none'} vs threshold ${alert.threshold} at ${alert.timestamp}\n`);
    tooltip.appendText(`window ${alert.metadata.window_start} .. ${alert.metadata.window_end}, ${alert.metadata.count} points`);
    if (alert.metadata.source) tooltip.appendText(`\n${alert.metadata.source.path}:${alert.metadata.source.line}`);
    item.tooltip = tooltip;
    return item;
  }
}
