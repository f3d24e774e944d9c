/**
 * Alerts as the extension shows them: the engine's active and recent alerts, plus what
 * the user did with them (acknowledged, rule muted), kept in workspace state so a
 * reload does not bring back a storm of toasts.
 */
import * as vscode from 'vscode';
import type { AlertEntryDto, AlertsDto } from '../../protocol/engineProtocol';
import { DisposableStore } from '../disposables';
import type { EngineClient } from '../engineClient';

const MUTES_KEY = 'runlens.mutedRules';
const ACKS_KEY = 'runlens.acknowledgedAlerts';
const MAX_ACKS = 500;

/** Identity of one firing episode: stream plus the time it fired. */
export function alertEpisodeKey(entry: AlertEntryDto): string {
  return `${entry.change.streamKey}\u0000${entry.change.alert.timestamp}`;
}

export class AlertsModel extends DisposableStore {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private snapshot: AlertsDto = { active: [], recent: [], rulesLoaded: 0 };

  constructor(private readonly engine: EngineClient, private readonly state: vscode.Memento) {
    super();
  }

  get active(): readonly AlertEntryDto[] {
    return this.snapshot.active;
  }

  get recent(): readonly AlertEntryDto[] {
    return this.snapshot.recent;
  }

  /** Alerts firing now from live lines, not acknowledged: what the status bar counts. */
  get liveFiringCount(): number {
    return this.snapshot.active.filter((e) => e.live && e.change.type === 'alert' && !this.isAcknowledged(e)).length;
  }

  async refresh(): Promise<void> {
    this.snapshot = await this.engine.request('alerts', {});
    this._onDidChange.fire();
  }

  isMuted(ruleName: string, now = Date.now()): boolean {
    const until = this.state.get<Record<string, number>>(MUTES_KEY, {})[ruleName];
    return until !== undefined && until > now;
  }

  async mute(ruleName: string, forMs: number): Promise<void> {
    const now = Date.now();
    const mutes = Object.fromEntries(Object.entries(this.state.get<Record<string, number>>(MUTES_KEY, {})).filter(([, until]) => until > now));
    mutes[ruleName] = now + forMs;
    await this.state.update(MUTES_KEY, mutes);
    this._onDidChange.fire();
  }

  isAcknowledged(entry: AlertEntryDto): boolean {
    return this.state.get<string[]>(ACKS_KEY, []).includes(alertEpisodeKey(entry));
  }

  async acknowledge(entry: AlertEntryDto): Promise<void> {
    const acks = this.state.get<string[]>(ACKS_KEY, []).filter((k) => k !== alertEpisodeKey(entry));
    acks.push(alertEpisodeKey(entry));
    await this.state.update(ACKS_KEY, acks.slice(-MAX_ACKS));
    this._onDidChange.fire();
  }
}
