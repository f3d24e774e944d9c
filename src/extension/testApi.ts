/**
 * Read-only views of what the tree views show, for the extension-host end-to-end tests
 * (test/e2e/exthost): the same `getChildren` + `getTreeItem` calls the workbench makes,
 * flattened into plain objects. Nothing here changes state.
 */
import * as vscode from 'vscode';

export type ViewName = 'runs' | 'metrics' | 'alerts' | 'sources';

export interface TreeItemSnapshot {
  id: string | undefined;
  label: string;
  description: string | undefined;
  tooltip: string | undefined;
  contextValue: string | undefined;
  collapsible: boolean;
  command: { command: string; arguments: unknown[] } | undefined;
  /** Present when the walk went below this row (`depth` allowed it and it has children). */
  children?: TreeItemSnapshot[];
}

export interface SnapshotOptions {
  /** Levels below the roots to expand (0: roots only). Default 0. */
  depth?: number;
  /** Expand only roots whose label passes this test (the others are listed, not expanded). */
  expandRoot?: (label: string) => boolean;
  /** Also run `resolveTreeItem`, as a hover does (tooltips are built there). Default false. */
  resolve?: boolean;
}

function labelText(label: string | vscode.TreeItemLabel | undefined, resource: vscode.Uri | undefined): string {
  if (typeof label === 'string') return label;
  if (label) return label.label;
  return resource ? resource.path.split('/').pop() ?? resource.path : '';
}

function tooltipText(tooltip: string | vscode.MarkdownString | undefined): string | undefined {
  return tooltip === undefined ? undefined : typeof tooltip === 'string' ? tooltip : tooltip.value;
}

async function snapshotLevel<T>(provider: vscode.TreeDataProvider<T>, parent: T | undefined, depth: number, options: SnapshotOptions, root: boolean): Promise<TreeItemSnapshot[]> {
  const elements = (await provider.getChildren(parent)) ?? [];
  const out: TreeItemSnapshot[] = [];
  for (const element of elements) {
    let item = await provider.getTreeItem(element);
    if (options.resolve && provider.resolveTreeItem) {
      const cancel = new vscode.CancellationTokenSource();
      try {
        item = (await provider.resolveTreeItem(item, element, cancel.token)) ?? item;
      } finally {
        cancel.dispose();
      }
    }
    const label = labelText(item.label, item.resourceUri);
    const collapsible = item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
    const snapshot: TreeItemSnapshot = {
      id: item.id,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip: tooltipText(item.tooltip),
      contextValue: item.contextValue,
      collapsible,
      command: item.command ? { command: item.command.command, arguments: item.command.arguments ?? [] } : undefined,
    };
    const expand = collapsible && depth > 0 && (!root || !options.expandRoot || options.expandRoot(label));
    if (expand) snapshot.children = await snapshotLevel(provider, element, depth - 1, options, false);
    out.push(snapshot);
  }
  return out;
}

export function snapshotTree<T>(provider: vscode.TreeDataProvider<T>, options: SnapshotOptions = {}): Promise<TreeItemSnapshot[]> {
  return snapshotLevel(provider, undefined, options.depth ?? 0, options, true);
}
