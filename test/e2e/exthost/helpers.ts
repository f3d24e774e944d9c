/**
 * Shared by the extension-host tests (bundled into each test file by run.mjs): the Runlens
 * API, polling, fixture lines with current timestamps, tree searches, measurements.
 */
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension/extension';
import type { TreeItemSnapshot } from '../../../src/extension/testApi';
import { writeMeasurements } from '../lib/testData';

export { appendJsonLines, isoAgo, linesContaining, percentile } from '../lib/testData';

export const EXTENSION_ID = 'runlens.runlens';

export async function runlens(): Promise<RunlensApi> {
  const ext = vscode.extensions.getExtension<RunlensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = await ext.activate();
  await api.whenIdle();
  return api;
}

/** The workspace folder (a fresh copy of test/e2e/workspace-template). */
export function workspaceDir(): string {
  const dir = process.env.RUNLENS_E2E_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!dir) throw new Error('no workspace folder (RUNLENS_E2E_WORKSPACE unset)');
  return dir;
}

export const wsPath = (...parts: string[]): string => join(workspaceDir(), ...parts);

/**
 * Polls `probe` until it returns something other than undefined/false; fails with `what`
 * and the last value seen after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 100, describe }: { timeoutMs?: number; intervalMs?: number; describe?: () => unknown } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      let detail = '';
      try {
        detail = describe ? `; last state: ${JSON.stringify(await describe())}`.slice(0, 2_000) : '';
      } catch {
        /* nothing more to say */
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Depth-first search of a view snapshot. */
export function findItem(items: readonly TreeItemSnapshot[] | undefined, test: (item: TreeItemSnapshot) => boolean): TreeItemSnapshot | undefined {
  for (const item of items ?? []) {
    if (test(item)) return item;
    const below = findItem(item.children, test);
    if (below) return below;
  }
  return undefined;
}

export function labels(items: readonly TreeItemSnapshot[] | undefined): string[] {
  return (items ?? []).map((i) => i.label);
}

/** The run row whose label contains `workflowId`, with its subtree expanded `depth` levels. */
export async function runRow(api: RunlensApi, workflowId: string, depth = 8): Promise<TreeItemSnapshot | undefined> {
  const roots = await api.viewItems('runs', { depth, expandRoot: (label) => label === workflowId });
  return roots.find((r) => r.label === workflowId);
}

/** Waits for a run row to exist (its workflow was read) and returns it expanded. */
export function waitForRun(api: RunlensApi, workflowId: string, ready: (row: TreeItemSnapshot) => boolean = () => true, timeoutMs = 20_000): Promise<TreeItemSnapshot> {
  return waitFor(`run ${workflowId} in the Runs view`, async () => {
    const row = await runRow(api, workflowId);
    return row && ready(row) ? row : undefined;
  }, { timeoutMs, intervalMs: 200, describe: async () => labels(await api.viewItems('runs')).slice(0, 20) });
}

/** Diagnostics Runlens published for `file`. */
/** Waits until the Runs view's selection is a span row of `workflowId` labelled `label` (after a reveal). */
export function waitForSelectedSpan(api: RunlensApi, workflowId: string, label: string): Promise<TreeItemSnapshot> {
  return waitFor(`the ${label} row of ${workflowId} selected`, async () => {
    const id = api.runsSelection()[0];
    if (!id?.startsWith(`run/${workflowId}/span/`)) return undefined;
    const row = findItem((await runRow(api, workflowId))?.children, (i) => i.id === id);
    return row?.label === label ? row : undefined;
  }, { timeoutMs: 10_000, describe: () => api.runsSelection() });
}

export function runlensDiagnostics(file: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'runlens');
}

/** Measurements of this run (lib/testData.ts); the run folder is the one holding $RUNLENS_E2E_RESULTS. */
export function recordMeasurements(section: string, values: Record<string, unknown>): void {
  const results = process.env.RUNLENS_E2E_RESULTS;
  if (results) writeMeasurements(dirname(results), section, values);
}
