/**
 * Maps the RunsModel to TreeItems: stable ids, getParent for reveal. Tooltips are built in
 * `resolveTreeItem` (on hover), never per row on refresh: the workbench parses every
 * MarkdownString tooltip it is handed, which was most of the extension host's time while a
 * big log was read with the Runs view open. A run's TreeItem is kept until its numbers change.
 */
import * as vscode from 'vscode';
import type { TraceNode } from '../../core/traces/build';
import type { SpanSummary } from '../../core/traces/traceView';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';
import { displayText, formatDuration, formatUsd } from '../format';
import { Commands } from '../ids';
import type { RunElement, RunsElement, RunsModel, SpanElement } from './runsModel';

const KIND_ICONS: Record<TraceNode['kind'], string> = {
  workflow: 'run-all',
  agent: 'hubot',
  tool: 'tools',
  routing: 'git-compare',
  event: 'circle-small-filled',
};

export class RunsTreeProvider extends DisposableStore implements vscode.TreeDataProvider<RunsElement> {
  private readonly _onDidChangeTreeData = this.register(new vscode.EventEmitter<RunsElement | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  /** Run rows by element (elements live as long as their run is listed). */
  private readonly runItems = new WeakMap<RunElement, { version: number; item: vscode.TreeItem }>();

  constructor(private readonly model: RunsModel, private readonly engine: EngineClient) {
    super();
    this.register(model.onDidChange((element) => this._onDidChangeTreeData.fire(element)));
  }

  getChildren(element?: RunsElement): vscode.ProviderResult<RunsElement[]> {
    return element ? this.model.children(element) : this.model.roots();
  }

  getParent(element: RunsElement): vscode.ProviderResult<RunsElement> {
    return this.model.parent(element);
  }

  getTreeItem(element: RunsElement): vscode.TreeItem {
    if (element.type === 'span') return spanItem(element);
    const cached = this.runItems.get(element);
    if (cached && cached.version === element.version) return cached.item;
    const item = runItem(element);
    this.runItems.set(element, { version: element.version, item });
    return item;
  }

  /** On hover: a run's summary; a span's key fields, read back from its log line. */
  async resolveTreeItem(item: vscode.TreeItem, element: RunsElement): Promise<vscode.TreeItem> {
    if (element.type === 'run') {
      item.tooltip = runTooltip(element);
      return item;
    }
    item.tooltip = spanTooltip(element.node, undefined);
    const source = element.node.source;
    if (!source) return item;
    try {
      const attrs = await this.engine.request('lineAttributes', { path: source.path, byteOffset: source.byteOffset });
      if (attrs) item.tooltip = spanTooltip(element.node, attrs);
    } catch {
      // The tooltip without attributes is still right.
    }
    return item;
  }
}

function runItem(element: RunElement): vscode.TreeItem {
  const run = element.run;
  const item = new vscode.TreeItem(displayText(run.workflow_id), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = element.id;
  const parts = [run.status, formatDuration(run.duration_ms), formatUsd(run.cost_usd)];
  if (run.errors > 0) parts.push(`${run.errors} error${run.errors === 1 ? '' : 's'}`);
  item.description = parts.filter(Boolean).join(' · ');
  item.iconPath =
    run.status === 'failed' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
    : run.status === 'completed' ? new vscode.ThemeIcon(run.errors > 0 ? 'warning' : 'pass', new vscode.ThemeColor(run.errors > 0 ? 'testing.iconQueued' : 'testing.iconPassed'))
    : new vscode.ThemeIcon('sync~spin');
  item.contextValue = 'run';
  return item;
}

function spanItem(element: SpanElement): vscode.TreeItem {
  const node = element.node;
  const label = node.kind === 'routing' ? `route ${node.name}` : node.name;
  const item = new vscode.TreeItem(
    displayText(label),
    node.childCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = element.id;
  const failed = node.status === 'error';
  const parts: string[] = [];
  if (node.kind === 'agent' || node.kind === 'tool') parts.push(formatDuration(node.duration_ms));
  if (node.kind === 'event' || node.kind === 'routing') parts.push(node.kind);
  if (failed) parts.push('failed');
  item.description = parts.join(' · ');
  item.iconPath = failed
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
    : new vscode.ThemeIcon(KIND_ICONS[node.kind]);
  if (node.source) {
    item.command = { command: Commands.openLog, title: 'Open Log Line', arguments: [{ path: node.source.path, line: node.source.line }] };
    item.contextValue = `span ${node.kind} hasSource`;
  } else {
    item.contextValue = `span ${node.kind}`;
  }
  return item;
}

function runTooltip(element: RunElement): vscode.MarkdownString {
  const run = element.run;
  const tooltip = new vscode.MarkdownString();
  // appendText escapes Markdown: log content never becomes markup or links.
  tooltip.appendText(`Workflow ${run.workflow_id}\n`);
  tooltip.appendText(`Status: ${run.status}\nStarted: ${run.started ?? '?'}\nEnded: ${run.ended ?? 'still running'}\n`);
  tooltip.appendText(`Duration: ${formatDuration(run.duration_ms)}\nAgents: ${run.agents}  Tools: ${run.tools}  Errors: ${run.errors}\nCost: ${formatUsd(run.cost_usd)}`);
  return tooltip;
}

const TOOLTIP_KEYS = ['duration_ms', 'success', 'cost_estimate', 'error_message', 'model', 'gen_ai.request.model', 'input_tokens', 'output_tokens',
  'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'selected_node', 'reasoning', 'confidence', 'level'];

function spanTooltip(node: SpanSummary, attrs: Record<string, unknown> | undefined): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  // appendText escapes Markdown: log content never becomes markup or links.
  tooltip.appendText(`${node.kind} ${displayText(node.name)}\n`);
  tooltip.appendText(`Start ${node.start}\nEnd ${node.end}\nDuration ${formatDuration(node.duration_ms)}\nStatus ${node.status}\n`);
  if (attrs) {
    for (const key of TOOLTIP_KEYS) {
      const value = attrs[key];
      if (value === undefined) continue;
      tooltip.appendText(`${key}: ${displayText(typeof value === 'string' ? value : JSON.stringify(value), 300)}\n`);
    }
  }
  if (node.source) tooltip.appendText(`${node.source.path}:${node.source.line}`);
  return tooltip;
}
