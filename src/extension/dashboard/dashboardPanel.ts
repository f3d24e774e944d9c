/**
 * The dashboard `WebviewPanel`: one at a time, revived after a reload by a
 * `WebviewPanelSerializer` on the page and filters the webview saved with `setState`.
 */
import * as vscode from 'vscode';
import { DEFAULT_QUERY, type DashboardQuery } from '../../core/dashboard/types';
import { checkQuery } from '../../protocol/dashboardProtocol';
import type { EngineClient } from '../engineClient';
import { newNonce, renderDashboardHtml } from './dashboardHtml';
import { DashboardSession } from './dashboardSession';
import { queryFromArgument } from './openArgument';

export const DASHBOARD_VIEW_TYPE = 'runlens.dashboard';

let current: DashboardSession | undefined;

function webviewRoot(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
}

function panelOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [webviewRoot(context)],
  };
}

function render(context: vscode.ExtensionContext, panel: vscode.WebviewPanel): void {
  const root = webviewRoot(context);
  const webview = panel.webview;
  webview.options = { enableScripts: true, localResourceRoots: [root] };
  panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'runlens.svg');
  webview.html = renderDashboardHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'dashboard.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'dashboard.css')).toString(),
    nonce: newNonce(),
  });
}

function adopt(
  context: vscode.ExtensionContext,
  panel: vscode.WebviewPanel,
  engine: EngineClient,
  log: vscode.LogOutputChannel,
  start: { query: DashboardQuery | undefined; override: boolean },
): void {
  // One dashboard at a time: a second one (two restored after a reload) replaces the first.
  if (current && current.panel !== panel) current.panel.dispose();
  const session = new DashboardSession(panel, engine, log, start);
  current = session;
  render(context, panel);
  panel.onDidDispose(() => {
    session.dispose();
    if (current === session) current = undefined;
  });
}

export function openDashboard(context: vscode.ExtensionContext, engine: EngineClient, log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  const query = queryFromArgument(arg, DEFAULT_QUERY);
  if (current) {
    current.panel.reveal(undefined, false);
    current.show(query);
  } else {
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Runlens Dashboard', vscode.ViewColumn.Active, panelOptions(context));
    adopt(context, panel, engine, log, { query, override: query !== undefined });
  }
  return Promise.resolve();
}

export function registerDashboardSerializer(context: vscode.ExtensionContext, engine: EngineClient, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
    deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => {
      // `state` is what the webview saved: data from the webview, so it is checked.
      const saved = state !== null && typeof state === 'object' ? checkQuery((state as { query?: unknown }).query) : undefined;
      adopt(context, panel, engine, log, { query: saved, override: false });
      return Promise.resolve();
    },
  });
}
