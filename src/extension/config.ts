/**
 * Turns settings, workspace folders and trust into the engine's configuration. The
 * workspace rules file is read here (host side) only when the workspace is trusted.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PriceTable } from '../core/cost/prices';
import type { EngineConfig } from '../protocol/engineProtocol';

export const SECTION = 'runlens';

export function rulesFileUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>('alerts.rulesFile', '.runlens/alerts.json');
  if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
  return folder ? vscode.Uri.joinPath(folder.uri, setting) : undefined;
}

function absoluteGlobs(patterns: readonly string[], extraFolders: readonly string[]): string[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const out: string[] = [];
  for (const pattern of patterns) {
    if (path.isAbsolute(pattern)) out.push(pattern);
    else for (const folder of folders) out.push(path.join(folder, pattern).split(path.sep).join('/'));
  }
  return [...out, ...extraFolders];
}

async function readRulesFile(uri: vscode.Uri | undefined): Promise<Array<{ path: string; text: string }>> {
  if (!uri || !vscode.workspace.isTrusted) return [];
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return [{ path: uri.fsPath, text: Buffer.from(bytes).toString('utf8') }];
  } catch {
    return [];
  }
}

export async function buildEngineConfig(extraSources: readonly string[]): Promise<EngineConfig> {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const folder = vscode.workspace.workspaceFolders?.[0];
  const trusted = vscode.workspace.isTrusted;
  const prices = settings.get<Record<string, unknown>>('prices', {});
  const priceTables: PriceTable[] = prices && Object.keys(prices).length > 0 ? [{ models: prices as PriceTable['models'] }] : [];
  return {
    sources: absoluteGlobs(settings.get<string[]>('sources', []), extraSources),
    exclude: absoluteGlobs(settings.get<string[]>('exclude', []), []),
    rules: {
      files: await readRulesFile(rulesFileUri()),
      settings: trusted ? settings.get<unknown[]>('alerts.rules', []) : [],
      defaults: settings.get<boolean>('alerts.useDefaultRules', true),
    },
    maxLineBytes: settings.get<number>('maxLineBytes', 1024 * 1024),
    retentionHours: settings.get<number>('retentionHours', 24),
    prices: priceTables,
    naiveTimeZone: settings.get<'utc' | 'local'>('timestamps.naiveTimeZone', 'utc'),
    // No tail checkpoint: the tailer resumes *after* checkpointed offsets without delivering
    // what came before, so every new engine session (window reload, Add Log Folder, a changed
    // setting) would start with empty views. The views need the whole history each time;
    // re-notifying is prevented by the alert history file instead.
    checkpointFile: undefined,
    alertHistoryFile: trusted && folder?.uri.scheme === 'file' ? path.join(folder.uri.fsPath, '.runlens', 'alerts-history.jsonl') : undefined,
  };
}
