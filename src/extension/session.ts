/**
 * Keeps the views in step with the engine: configures it from settings, coalesces its
 * change events into at most a few refreshes a second (one rebuild of the Runs list a
 * second while runs keep appearing), shows progress during the first read, and routes
 * alerts to the notifier at once (toasts never wait for a refresh).
 */
import * as vscode from 'vscode';
import type { EngineEvent } from '../protocol/engineProtocol';
import type { AlertsModel } from './alerts/alertsModel';
import type { AlertNotifier } from './alerts/notifier';
import { buildEngineConfig, rulesFileUri } from './config';
import type { RunlensDiagnostics } from './diagnostics';
import { DisposableStore } from './disposables';
import type { EngineClient } from './engineClient';
import { ContextKeys } from './ids';
import type { MetricsTreeProvider } from './metrics/metricsTree';
import type { RunsModel } from './runs/runsModel';
import type { SourcesTreeProvider } from './sources/sourcesTree';

const REFRESH_INTERVAL_MS = 250;
/**
 * While runs keep appearing (a big log being read: the Runs list rebuilt by two refreshes in a
 * row), the list is rebuilt at most this often: each rebuild hands the workbench 500 rows, ~50 ms
 * of the extension host's time on a loaded machine. A new run in a quiet log still shows within
 * REFRESH_INTERVAL_MS.
 */
const BURST_LIST_REFRESH_INTERVAL_MS = 1000;
const EXTRA_SOURCES_KEY = 'runlens.extraSources';
const STOPPED_KEY = 'runlens.stoppedSources';

export interface SessionParts {
  engine: EngineClient;
  runs: RunsModel;
  alerts: AlertsModel;
  metrics: MetricsTreeProvider;
  sources: SourcesTreeProvider;
  notifier: AlertNotifier;
  diagnostics: RunlensDiagnostics;
  log: vscode.LogOutputChannel;
}

export class RunlensSession extends DisposableStore {
  private pendingRuns = new Set<string>();
  private pendingAll = false;
  private pendingViews = { metrics: false, sources: false, alerts: false };
  private refreshTimer: NodeJS.Timeout | undefined;
  /** When the two latest refreshes that rebuilt the Runs list happened. */
  private listRefreshes: [number, number] = [-Infinity, -Infinity];
  private progress: { resolve(): void; report(done: number, total: number): void } | undefined;
  private ready = false;

  constructor(private readonly parts: SessionParts, private readonly context: vscode.ExtensionContext) {
    super();
    this.register(parts.engine.onEvent((event) => this.onEngineEvent(event)));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('runlens')) void this.reconfigure();
    }));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reconfigure()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reconfigure()));
    const rules = rulesFileUri();
    if (rules) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(rules, '..'), '*.json')));
      const onRules = (uri: vscode.Uri): void => {
        if (uri.fsPath === rulesFileUri()?.fsPath) void this.reconfigure();
      };
      this.register(watcher.onDidChange(onRules));
      this.register(watcher.onDidCreate(onRules));
      this.register(watcher.onDidDelete(onRules));
    }
    this.register({ dispose: () => this.refreshTimer && clearTimeout(this.refreshTimer) });
  }

  async reconfigure(): Promise<void> {
    const stopped = new Set(this.context.workspaceState.get<string[]>(STOPPED_KEY, []));
    const config = await buildEngineConfig(this.context.workspaceState.get<string[]>(EXTRA_SOURCES_KEY, []));
    config.exclude.push(...stopped);
    if (this.context.storageUri) await vscode.workspace.fs.createDirectory(this.context.storageUri);
    this.startProgress();
    await this.parts.engine.configure(config);
  }

  async addSourceFolder(folder: string): Promise<void> {
    const extra = new Set(this.context.workspaceState.get<string[]>(EXTRA_SOURCES_KEY, []));
    extra.add(folder);
    await this.context.workspaceState.update(EXTRA_SOURCES_KEY, [...extra]);
    await this.reconfigure();
  }

  async stopFollowing(path: string): Promise<void> {
    const stopped = new Set(this.context.workspaceState.get<string[]>(STOPPED_KEY, []));
    stopped.add(path);
    await this.context.workspaceState.update(STOPPED_KEY, [...stopped]);
    await this.reconfigure();
  }

  private onEngineEvent(event: EngineEvent): void {
    switch (event.kind) {
      case 'changed':
        if (event.runs === 'all') this.pendingAll = true;
        else for (const id of event.runs) this.pendingRuns.add(id);
        this.pendingViews.metrics ||= event.metrics;
        this.pendingViews.sources ||= event.sources;
        this.pendingViews.alerts ||= event.alerts;
        this.scheduleRefresh();
        break;
      case 'alert':
        this.parts.notifier.handle(event.entry);
        this.pendingViews.alerts = true;
        this.scheduleRefresh();
        break;
      case 'progress':
        this.progress?.report(event.bytesDone, event.bytesTotal);
        if (event.done) this.finishProgress();
        break;
      case 'log':
        this.parts.log[event.level](event.message);
        break;
      case 'rulesInvalid':
        void this.parts.diagnostics.rulesInvalid(event.file, event.errors);
        this.parts.log.warn(`Alert rules refused: ${event.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
        break;
      case 'rulesLoaded':
        this.parts.diagnostics.rulesValid();
        this.parts.log.info(`${event.count} alert rules in force`);
        break;
      case 'malformed':
        this.parts.diagnostics.malformed(event.path, event.total, event.samples);
        break;
      case 'ready':
        break;
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    const [previous, last] = this.listRefreshes;
    const burst = last - previous < BURST_LIST_REFRESH_INTERVAL_MS + REFRESH_INTERVAL_MS;
    const delay = burst ? Math.max(REFRESH_INTERVAL_MS, last + BURST_LIST_REFRESH_INTERVAL_MS - Date.now()) : REFRESH_INTERVAL_MS;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.flushRefresh();
    }, delay);
  }

  private async flushRefresh(): Promise<void> {
    const runs = this.pendingAll ? 'all' : [...this.pendingRuns];
    const views = this.pendingViews;
    this.pendingAll = false;
    this.pendingRuns = new Set();
    this.pendingViews = { metrics: false, sources: false, alerts: false };
    try {
      if (runs === 'all' || runs.length > 0) {
        if ((await this.parts.runs.refresh(runs)) === 'list') this.listRefreshes = [this.listRefreshes[1], Date.now()];
        await vscode.commands.executeCommand('setContext', ContextKeys.hasRuns, this.parts.runs.hasRuns);
      }
      if (views.metrics) this.parts.metrics.refresh();
      if (views.sources) this.parts.sources.refresh();
      if (views.alerts) await this.parts.alerts.refresh();
    } catch (err) {
      this.parts.log.error(`Refreshing the views failed: ${(err as Error).message}`);
    }
  }

  private startProgress(): void {
    if (this.progress) return;
    void vscode.window.withProgress(
      { location: { viewId: 'runlens.runs' }, title: 'Runlens: reading logs' },
      (progress) =>
        new Promise<void>((resolve) => {
          let reported = 0;
          this.progress = {
            resolve,
            report: (done, total) => {
              const percent = total > 0 ? Math.min(100, (done / total) * 100) : 0;
              progress.report({ increment: percent - reported, message: `${Math.round(percent)}%` });
              reported = percent;
            },
          };
        }),
    );
  }

  private finishProgress(): void {
    this.progress?.resolve();
    this.progress = undefined;
    if (!this.ready) {
      this.ready = true;
      void vscode.commands.executeCommand('setContext', ContextKeys.ready, true);
    }
  }
}
