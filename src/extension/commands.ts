/** Command handlers. Arguments from menus, toasts and webviews are validated before use. */
import * as vscode from 'vscode';
import type { AlertEntryDto } from '../protocol/engineProtocol';
import type { AlertsModel } from './alerts/alertsModel';
import type { AlertsElement } from './alerts/alertsTree';
import type { EngineClient } from './engineClient';
import { Commands, ContextKeys, Views } from './ids';
import { isLogLineTarget, openLogLine, revealLineInTrace, type LogLineTarget } from './navigation';
import { describeFilter, parseRunsFilter } from './runs/runsFilter';
import type { RunsElement, RunsModel } from './runs/runsModel';
import { rulesFileUri } from './config';

export interface CommandContext {
  engine: EngineClient;
  runs: RunsModel;
  runsView: vscode.TreeView<RunsElement>;
  alerts: AlertsModel;
  log: vscode.LogOutputChannel;
  reconfigure(): Promise<void>;
  addSourceFolder(folder: string): Promise<void>;
  stopFollowing(path: string): Promise<void>;
  writeSampleLogs(): Promise<void>;
  openDashboard(arg: unknown): Promise<void>;
}

const RULES_TEMPLATE = `{
  "rules": [
    {
      "name": "slow agents",
      "condition": "latency_high",
      "metric_name": "agent_execution_duration_ms",
      "threshold": 5000,
      "severity": "warning",
      "duration": "5m",
      "cooldown": "15m",
      "aggregate": "p95",
      "message_template": "{metric_name} {condition} threshold: {value} > {threshold}"
    }
  ]
}
`;

function alertEntryOf(arg: unknown): AlertEntryDto | undefined {
  if (arg === null || typeof arg !== 'object') return undefined;
  const element = arg as Partial<AlertsElement> & Partial<AlertEntryDto>;
  if (element.type === 'alert' && element.entry) return element.entry;
  if (element.change && typeof element.change === 'object') return arg as AlertEntryDto;
  return undefined;
}

/** A log line from any of: {path, line}, a Runs element, an alert (tree element or toast entry). */
function logLineOf(arg: unknown): LogLineTarget | undefined {
  if (isLogLineTarget(arg)) return arg;
  const entry = alertEntryOf(arg);
  if (entry) return entry.change.alert.metadata.source ?? undefined;
  if (arg !== null && typeof arg === 'object' && (arg as RunsElement).type === 'span') {
    const source = (arg as Extract<RunsElement, { type: 'span' }>).node.source;
    return source ? { path: source.path, line: source.line } : undefined;
  }
  return undefined;
}

async function showTrace(ctx: CommandContext, arg: unknown): Promise<void> {
  const entry = alertEntryOf(arg);
  if (!entry) return;
  const source = entry.change.alert.metadata.source;
  const workflowId = entry.change.alert.metadata.workflow_id;
  if (source) {
    const location = await ctx.engine.request('nodeAtLine', { path: source.path, line: source.line });
    if (location) {
      const element = await ctx.runs.findSpan(location.workflowId, location.nodeId);
      if (element) {
        await ctx.runsView.reveal(element, { select: true, focus: true, expand: true });
        return;
      }
    }
  }
  const run = workflowId ? ctx.runs.runElement(workflowId) : undefined;
  if (run) await ctx.runsView.reveal(run, { select: true, focus: true, expand: true });
  else await vscode.commands.executeCommand(`${Views.runs}.focus`);
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const register = (id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await handler(...args);
      } catch (err) {
        ctx.log.error(`${id} failed: ${(err as Error).stack ?? String(err)}`);
        void vscode.window.showErrorMessage(`Runlens: ${(err as Error).message}`);
      }
    });
  return [
    register(Commands.openLog, async (arg) => {
      const target = logLineOf(arg);
      if (target) await openLogLine(target);
    }),
    register(Commands.showTrace, (arg) => showTrace(ctx, arg)),
    // From the editor's context menu (uri) or a CodeLens (uri, 1-based line).
    register(Commands.revealLineInTrace, async (uriArg, lineArg) => {
      let editor = vscode.window.activeTextEditor;
      if (uriArg instanceof vscode.Uri && editor?.document.uri.toString() !== uriArg.toString()) {
        editor = await vscode.window.showTextDocument(uriArg);
      }
      const line = typeof lineArg === 'number' && Number.isSafeInteger(lineArg) && lineArg > 0 ? lineArg : undefined;
      await revealLineInTrace(ctx.engine, ctx.runs, ctx.runsView, editor, line);
    }),
    register(Commands.filterRuns, async () => {
      const input = await vscode.window.showInputBox({
        title: 'Filter Runs',
        prompt: 'Workflow id text, status:failed|completed|incomplete, agent:<name>',
        placeHolder: 'status:failed agent:copywriter',
      });
      if (input === undefined) return;
      const filter = parseRunsFilter(input);
      ctx.runs.setFilter(filter);
      ctx.runsView.description = describeFilter(filter) || undefined;
      await vscode.commands.executeCommand('setContext', ContextKeys.runsFiltered, ctx.runs.isFiltered);
    }),
    register(Commands.clearRunsFilter, async () => {
      ctx.runs.setFilter({});
      ctx.runsView.description = undefined;
      await vscode.commands.executeCommand('setContext', ContextKeys.runsFiltered, false);
    }),
    register(Commands.muteRule, async (arg) => {
      const entry = alertEntryOf(arg);
      if (entry) await ctx.alerts.mute(entry.change.alert.rule_name, 3_600_000);
    }),
    register(Commands.acknowledgeAlert, async (arg) => {
      const entry = alertEntryOf(arg);
      if (entry) await ctx.alerts.acknowledge(entry);
    }),
    register(Commands.showAlerts, () => vscode.commands.executeCommand(`${Views.alerts}.focus`)),
    register(Commands.refresh, () => ctx.reconfigure()),
    register(Commands.editRules, async () => {
      const uri = rulesFileUri();
      if (!uri) {
        void vscode.window.showInformationMessage('Runlens: open a folder first; alert rules live in its .runlens/alerts.json.');
        return;
      }
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        await vscode.workspace.fs.writeFile(uri, Buffer.from(RULES_TEMPLATE, 'utf8'));
      }
      await vscode.window.showTextDocument(uri);
    }),
    register(Commands.addLogFolder, async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Follow Logs' });
      const folder = picked?.[0];
      if (folder) await ctx.addSourceFolder(folder.fsPath);
    }),
    register(Commands.removeSource, async (arg) => {
      const path = (arg as { source?: { path?: unknown } } | undefined)?.source?.path;
      if (typeof path === 'string') await ctx.stopFollowing(path);
    }),
    register(Commands.writeSampleLogs, () => ctx.writeSampleLogs()),
    register(Commands.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', 'runlens.runlens#runlens.gettingStarted', false)),
    register(Commands.showOutput, () => ctx.log.show()),
    register(Commands.openDashboard, (arg) => ctx.openDashboard(arg)),
  ];
}
