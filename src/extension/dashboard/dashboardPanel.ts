/** The dashboard webview panel (issue "dashboard"); this first version reports that it is not built yet. */
import * as vscode from 'vscode';
import type { EngineClient } from '../engineClient';

export const DASHBOARD_VIEW_TYPE = 'runlens.dashboard';

export async function openDashboard(_context: vscode.ExtensionContext, _engine: EngineClient, log: vscode.LogOutputChannel, _arg: unknown): Promise<void> {
  log.info('Dashboard requested');
  await vscode.window.showInformationMessage('Runlens: the dashboard is not built yet.');
}

export function registerDashboardSerializer(_context: vscode.ExtensionContext, _engine: EngineClient, _log: vscode.LogOutputChannel): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
