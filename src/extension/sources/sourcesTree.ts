/** The Sources view: followed files with lines, events, malformed counts and tail state. */
import * as vscode from 'vscode';
import type { SourceDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';
import { formatNumber } from '../format';

export interface SourceElement {
  id: string;
  source: SourceDto;
}

export class SourcesTreeProvider extends DisposableStore implements vscode.TreeDataProvider<SourceElement> {
  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<SourceElement | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(private readonly engine: EngineClient) {
    super();
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  async getChildren(element?: SourceElement): Promise<SourceElement[]> {
    if (element) return [];
    const sources = await this.engine.request('sources', {});
    return sources.map((source) => ({ id: `source/${source.path}`, source }));
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(element: SourceElement): vscode.TreeItem {
    const { source } = element;
    const uri = vscode.Uri.file(source.path);
    const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    const parts = [`${formatNumber(source.lines)} lines`, `${formatNumber(source.events)} events`];
    if (source.malformed > 0) parts.push(`${formatNumber(source.malformed)} malformed`);
    parts.push(source.state);
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      source.error ? 'error' : source.malformed > 0 ? 'warning' : source.state === 'following' ? 'eye' : 'file',
    );
    item.tooltip = source.error ?? `${source.path}\nformat: ${source.format}`;
    item.resourceUri = uri;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    item.contextValue = 'source';
    return item;
  }
}
