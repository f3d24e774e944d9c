/** Entry point: builds the pieces and registers them. Logic lives in the modules it wires. */
import * as vscode from 'vscode';
import { AlertsModel } from './alerts/alertsModel';
import { AlertsTreeProvider } from './alerts/alertsTree';
import { AlertNotifier } from './alerts/notifier';
import { AlertsStatusBar } from './alerts/statusBar';
import { CODELENS_SELECTOR, TraceCodeLensProvider } from './codeLens';
import { registerCommands } from './commands';
import { RunlensDiagnostics } from './diagnostics';
import { EngineClient } from './engineClient';
import { Views } from './ids';
import { MetricsTreeProvider } from './metrics/metricsTree';
import { parseRunsFilter } from './runs/runsFilter';
import { RunsModel } from './runs/runsModel';
import { RunsTreeProvider } from './runs/runsTreeProvider';
import { writeSampleLogs } from './sampleLogs';
import { RunlensSession } from './session';
import { SourcesTreeProvider } from './sources/sourcesTree';
import { openDashboard, registerDashboardSerializer } from './dashboard/dashboardPanel';
import { snapshotTree, type SnapshotOptions, type TreeItemSnapshot, type ViewName } from './testApi';

/** What tests in the extension host can reach through `extension.exports`. */
export interface RunlensApi {
  statusBarText(): string;
  liveFiringCount(): number;
  whenIdle(): Promise<void>;
  /** What a view shows (labels, descriptions, commands), walked like the workbench does. */
  viewItems(view: ViewName, options?: SnapshotOptions): Promise<TreeItemSnapshot[]>;
  /** Ids of the rows selected in the Runs view. */
  runsSelection(): string[];
  /** Sets the Runs filter as "Filter Runs…" does with this text ('' clears it). */
  setRunsFilter(text: string): void;
}

export async function activate(context: vscode.ExtensionContext): Promise<RunlensApi> {
  const started = Date.now();
  const subscriptions = context.subscriptions;
  const log = vscode.window.createOutputChannel('Runlens', { log: true });
  subscriptions.push(log);
  const engine = new EngineClient(context.extensionPath, log);
  subscriptions.push(engine);

  const runs = new RunsModel(engine);
  const alerts = new AlertsModel(engine, context.workspaceState);
  const metrics = new MetricsTreeProvider(engine);
  const sources = new SourcesTreeProvider(engine);
  const runsProvider = new RunsTreeProvider(runs, engine);
  const alertsProvider = new AlertsTreeProvider(alerts);
  subscriptions.push(runs, alerts, metrics, sources, runsProvider, alertsProvider);

  const runsView = vscode.window.createTreeView(Views.runs, { treeDataProvider: runsProvider, showCollapseAll: true });
  subscriptions.push(
    runsView,
    vscode.window.createTreeView(Views.metrics, { treeDataProvider: metrics, showCollapseAll: true }),
    vscode.window.createTreeView(Views.alerts, { treeDataProvider: alertsProvider }),
    vscode.window.createTreeView(Views.sources, { treeDataProvider: sources }),
  );

  const codeLens = new TraceCodeLensProvider(engine);
  subscriptions.push(codeLens, vscode.languages.registerCodeLensProvider(CODELENS_SELECTOR, codeLens));

  const diagnostics = new RunlensDiagnostics();
  const notifier = new AlertNotifier(alerts, log);
  const statusBar = new AlertsStatusBar(alerts);
  subscriptions.push(diagnostics, notifier, statusBar);

  const session = new RunlensSession({ engine, runs, alerts, metrics, sources, notifier, diagnostics, log }, context);
  subscriptions.push(session);
  subscriptions.push(registerDashboardSerializer(context, engine, log));
  subscriptions.push(
    ...registerCommands({
      engine, runs, runsView, alerts, log,
      reconfigure: () => session.reconfigure(),
      addSourceFolder: (folder) => session.addSourceFolder(folder),
      stopFollowing: (path) => session.stopFollowing(path),
      writeSampleLogs: () => writeSampleLogs(context, (folder) => session.addSourceFolder(folder)),
      openDashboard: (arg) => openDashboard(context, engine, log, arg),
    }),
  );

  const configured = session.reconfigure().catch((err: Error) => log.error(`Starting the engine failed: ${err.message}`));
  log.info(`Runlens activated in ${Date.now() - started} ms`);
  return {
    statusBarText: () => statusBar.text,
    liveFiringCount: () => alerts.liveFiringCount,
    whenIdle: () => configured,
    viewItems: (view, options) => {
      const providers = { runs: runsProvider, metrics, alerts: alertsProvider, sources } as const;
      return snapshotTree<unknown>(providers[view] as vscode.TreeDataProvider<unknown>, options);
    },
    runsSelection: () => runsView.selection.map((element) => element.id),
    setRunsFilter: (text) => runs.setFilter(parseRunsFilter(text)),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
