/** Alert toasts: severity picks the toast kind; buttons Show Trace, Open Log, Mute 1 h. */
import * as vscode from 'vscode';
import { latencyProbeEnabled, probeMark } from '../../node/latencyProbe';
import type { AlertEntryDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import { displayText } from '../format';
import { Commands } from '../ids';
import type { AlertsModel } from './alertsModel';
import { NotificationPolicy, type MinimumSeverity } from './notificationPolicy';

const SHOW_TRACE = 'Show Trace';
const OPEN_LOG = 'Open Log';
const MUTE = 'Mute 1 h';
const HOUR_MS = 3_600_000;

export class AlertNotifier extends DisposableStore {
  private readonly policy = new NotificationPolicy('warning', 4);
  private summaryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly model: AlertsModel, private readonly log: vscode.LogOutputChannel) {
    super();
    this.readSettings();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('runlens.notifications')) this.readSettings();
    }));
    this.register({ dispose: () => this.summaryTimer && clearTimeout(this.summaryTimer) });
  }

  handle(entry: AlertEntryDto): void {
    const alert = entry.change.alert;
    if (entry.live && entry.change.type === 'resolved') {
      vscode.window.setStatusBarMessage(`$(pass) Runlens: ${displayText(alert.rule_name, 80)} resolved`, 5000);
    }
    const decision = this.policy.decide(entry, this.model.isMuted(alert.rule_name), Date.now());
    if (latencyProbeEnabled && entry.live && entry.change.type === 'alert') {
      probeMark('host.decided', `${alert.rule_name}|${alert.message}`, decision.show ? { show: true } : { show: false, reason: decision.reason });
    }
    if (!decision.show) {
      if (decision.reason === 'rate-limited') this.scheduleSummary();
      return;
    }
    this.log.info(`Alert ${alert.rule_name}: ${alert.message}`);
    void this.show(entry);
  }

  private async show(entry: AlertEntryDto): Promise<void> {
    const alert = entry.change.alert;
    const text = `Runlens ${alert.severity}: ${displayText(alert.rule_name, 120)}: ${displayText(alert.message, 300)}`;
    const buttons = [SHOW_TRACE, ...(alert.metadata.source ? [OPEN_LOG] : []), MUTE];
    if (latencyProbeEnabled) probeMark('host.show', `${alert.rule_name}|${alert.message}`);
    const pick =
      alert.severity === 'info' ? await vscode.window.showInformationMessage(text, ...buttons)
      : alert.severity === 'warning' ? await vscode.window.showWarningMessage(text, ...buttons)
      : await vscode.window.showErrorMessage(text, ...buttons);
    if (pick === SHOW_TRACE) await vscode.commands.executeCommand(Commands.showTrace, entry);
    else if (pick === OPEN_LOG && alert.metadata.source) await vscode.commands.executeCommand(Commands.openLog, alert.metadata.source);
    else if (pick === MUTE) await this.model.mute(alert.rule_name, HOUR_MS);
  }

  private scheduleSummary(): void {
    if (this.summaryTimer) return;
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      const held = this.policy.takeSuppressed();
      if (held > 0) {
        void vscode.window.showWarningMessage(`Runlens: ${held} more alert${held === 1 ? '' : 's'} in the last minute.`, 'Show Alerts').then((pick) => {
          if (pick) void vscode.commands.executeCommand(Commands.showAlerts);
        });
      }
    }, 10_000);
  }

  private readSettings(): void {
    const settings = vscode.workspace.getConfiguration('runlens.notifications');
    this.policy.configure(settings.get<MinimumSeverity>('minimumSeverity', 'warning'), settings.get<number>('maxPerMinute', 4));
  }
}
