/** Status-bar item `runlens.alerts`: alerts firing now from live lines; click opens the Alerts view. */
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { Commands, STATUS_BAR_ALERTS_ID } from '../ids';
import type { AlertsModel } from './alertsModel';

export class AlertsStatusBar extends DisposableStore {
  private readonly item = this.register(vscode.window.createStatusBarItem(STATUS_BAR_ALERTS_ID, vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly model: AlertsModel) {
    super();
    this.item.name = 'Runlens Alerts';
    this.item.command = Commands.showAlerts;
    this.register(model.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const firing = this.model.liveFiringCount;
    this.item.text = firing > 0 ? `$(bell-dot) ${firing}` : '$(bell) 0';
    this.item.tooltip = firing > 0 ? `Runlens: ${firing} alert${firing === 1 ? '' : 's'} firing` : 'Runlens: no alerts firing';
    this.item.backgroundColor = firing > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
